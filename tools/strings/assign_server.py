# Assignment, comments, notifications and bulk answers (server messages).
S = {
 "Validation.AutoAssignManual": ("This case's queue assigns by hand: choose a responder.", "Hàng đợi của vụ việc này phân công thủ công: hãy chọn người phản bác."),
 "Validation.AutoAssignNobody": ("No active responder works on the line of the unit that owns this case.", "Không có người phản bác nào đang hoạt động thuộc đơn vị quản lý vụ việc, cấp trên hay cấp dưới của đơn vị đó."),
 "Validation.AutoAssignFull": ("Every responder who could take this case already holds {0} open cases, the queue's limit.", "Mọi người phản bác có thể nhận vụ việc này đều đã giữ {0} vụ việc đang xử lý, mức tối đa của hàng đợi."),
 "Validation.MentionUnknown": ("Cannot mention {0}: no active colleague with that email may read this case.", "Không thể nhắc đến {0}: không có đồng nghiệp nào đang hoạt động dùng email đó được xem vụ việc này."),
 "Validation.UnknownChoice": ("Not one of the available choices.", "Không nằm trong các lựa chọn cho phép."),
 "Problem.NotFound": ("This case does not exist or is outside your units.", "Vụ việc không tồn tại hoặc nằm ngoài phạm vi đơn vị của bạn."),
 "Problem.Forbidden": ("Your roles do not allow this action on this case.", "Vai trò của bạn không được phép thực hiện thao tác này với vụ việc."),
 "Problem.PreconditionRequired": ("Say which version of the case this is based on.", "Hãy cho biết thao tác dựa trên phiên bản nào của vụ việc."),
 "Problem.NotSignedIn": ("Sign in first.", "Hãy đăng nhập trước."),
}
