# Live updates: the queue's reload announcement, the case page's viewers and change banner, the notification bell.
S = {
 "Queue.LiveChanged": ("The queue was updated; cases changed: {0}.", "Hàng đợi vừa được cập nhật; số vụ việc thay đổi: {0}."),
 "Live.AlsoViewing": ("Also viewing: {0}", "Cũng đang xem: {0}"),
 "Live.ChangedElsewhere": ("Someone else changed this case. Your unsaved changes are kept; saving them shows you what changed.", "Người khác vừa thay đổi vụ việc này. Những thay đổi chưa lưu của bạn vẫn được giữ; khi lưu, bạn sẽ thấy những gì đã khác đi."),
 "Live.ShowLatest": ("Show the latest (discard my changes)", "Xem bản mới nhất (bỏ thay đổi của tôi)"),
 "Bell.Title": ("Notifications", "Thông báo"),
 "Bell.UnreadLabel": ("{0} unread notifications", "{0} thông báo chưa đọc"),
 "Bell.MarkAll": ("Mark all read", "Đánh dấu đã đọc tất cả"),
 "Bell.Empty": ("No notifications yet.", "Chưa có thông báo nào."),
 "Bell.Unread": ("Unread:", "Chưa đọc:"),
 "Bell.From": ("From {0} · {1}", "Từ {0} · {1}"),
 "Bell.Kind.Mention": ("Mentioned you", "Nhắc đến bạn"),
 "Bell.Kind.Assignment": ("Assigned to you", "Giao cho bạn"),
 "Bell.Kind.Escalation": ("Escalated to your unit", "Chuyển lên đơn vị của bạn"),
 "Bell.Kind.Breach": ("Missed its deadline", "Đã quá hạn xử lý"),
}
