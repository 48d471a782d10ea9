# Counter-messages: drafting, approval, publication, reach and closing a case.
S = {
 "Bell.Kind.Outcome": ("A case you reported was answered", "Vụ việc bạn báo cáo đã được phản hồi"),
 "Validation.Response.UnknownKind": ("Choose a kind of counter-message from the list.", "Hãy chọn một loại thông điệp phản bác trong danh sách."),
 "Validation.Response.UnknownChannel": ("Choose a channel from the list.", "Hãy chọn một kênh trong danh sách."),
 "Validation.Response.UnknownLanguage": ("Choose Vietnamese or English.", "Hãy chọn tiếng Việt hoặc tiếng Anh."),
 "Validation.Response.UnknownOutcome": ("Choose an outcome from the list.", "Hãy chọn một kết quả trong danh sách."),
 "Validation.Response.BadUrl": ("Enter the full web address (http or https) where the message was published.", "Hãy nhập đầy đủ địa chỉ web (http hoặc https) nơi thông điệp đã được đăng."),
 "Validation.Response.InFuture": ("The publication time cannot be in the future.", "Thời điểm đăng không được ở tương lai."),
 "Validation.Response.NoFigures": ("Enter at least one figure: views, reactions, shares or comments.", "Hãy nhập ít nhất một số liệu: lượt xem, lượt tương tác, lượt chia sẻ hoặc bình luận."),
 "Validation.Response.OwnMessage": ("You cannot approve a message you wrote; another reviewer must approve it.", "Bạn không thể tự duyệt thông điệp do mình soạn; cần một người thẩm định khác duyệt."),
 "Validation.Response.NotYourDraft": ("Only the author can edit this draft.", "Chỉ người soạn mới được sửa bản nháp này."),
 "Conflict.Response.NotADraft": ("This message is no longer a draft.", "Thông điệp này không còn là bản nháp."),
 "Conflict.Response.ApprovalNotRequired": ("This case's queue does not require approval.", "Hàng đợi của vụ việc này không yêu cầu duyệt."),
 "Conflict.Response.NeedsApproval": ("This message must be approved before it is published.", "Thông điệp này cần được duyệt trước khi đăng."),
 "Conflict.Response.AlreadyPublished": ("This message is already published.", "Thông điệp này đã được đăng."),
 "Conflict.Response.NotPublished": ("Reach can only be recorded for a published message.", "Chỉ ghi nhận mức lan tỏa cho thông điệp đã đăng."),
}
