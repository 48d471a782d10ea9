# Field messages of the reviewer's queue: ListCases, GET /api/v1/cases, saved views.
S = {
 "Validation.CursorInvalid": ("This page link is not valid for this list; start again from the first page.", "Liên kết trang này không hợp lệ với danh sách này; hãy bắt đầu lại từ trang đầu."),
 "Validation.UnknownStatus": ("Unknown status: {0}.", "Trạng thái không hợp lệ: {0}."),
 "Validation.UnknownSort": ("Unknown order: {0}.", "Cách sắp xếp không hợp lệ: {0}."),
 "Validation.NotANumber": ("Must be a whole number.", "Phải là số nguyên."),
 "Validation.NotABoolean": ("Must be true or false.", "Phải là true hoặc false."),
}
