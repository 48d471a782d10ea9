# Audit log: the admin's page of audit events, its filters and the chain check.
S = {
 "Validation.Audit.UnknownActor": ("No user has the id or email '{0}'.", "Không có người dùng nào có mã hoặc email '{0}'."),
 "Validation.Audit.FromAfterTo": ("The end of the period must not come before its start.", "Thời điểm kết thúc không được trước thời điểm bắt đầu."),
 "Validation.Audit.NotATime": ("Must be a date and time, e.g. 2026-11-26T08:00:00Z.", "Phải là ngày giờ, ví dụ 2026-11-26T08:00:00Z."),
}
