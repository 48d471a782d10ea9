# The reader's own time zone (Profile → Preferences).
S = {
    "Preferences.TimeZone": ("Time zone", "Múi giờ"),
    "Preferences.TimeZoneDesk": ("The desk's time zone ({0})", "Múi giờ chung của hệ thống ({0})"),
    "Preferences.TimeZoneHelp": ("Every date and time on the desk's pages is shown in this zone.", "Mọi ngày giờ trên các trang của hệ thống được hiển thị theo múi giờ này."),
    "Validation.UnknownTimeZone": ("Choose a time zone from the list.", "Hãy chọn một múi giờ trong danh sách."),
}
