# The dashboard: figures for a unit's subtree over a range of days.
S = {
 "Validation.Stats.FromAfterTo": ("The start date must not be after the end date.", "Ngày bắt đầu không được sau ngày kết thúc."),
 "Validation.Stats.RangeTooLong": ("Choose a range of at most 366 days.", "Hãy chọn khoảng thời gian tối đa 366 ngày."),
}
