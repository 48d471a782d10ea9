# ClaimReview download on the case page, and the queue's approval switch.
S = {
 "ClaimReview.Download": ("Download ClaimReview (JSON-LD)", "Tải ClaimReview (JSON-LD)"),
 "ClaimReview.Help": ("Download the published verdict as a schema.org ClaimReview, the format search engines and fact-checkers read.", "Tải kết luận đã đăng dưới dạng ClaimReview của schema.org, định dạng mà các công cụ tìm kiếm và tổ chức kiểm chứng tin tức sử dụng."),
 "Routing.RequiresApproval": ("Counter-messages need approval", "Thông điệp phản bác cần được duyệt"),
 "Routing.RequiresApproval.Chip": ("Approval", "Cần duyệt"),
 "Routing.RequiresApproval.Help": ("A reviewer other than the author approves each counter-message before it counts as published.", "Mỗi thông điệp phản bác phải được một người thẩm định khác (không phải người soạn) duyệt trước khi được tính là đã đăng."),
}
