# An admin ending a user's sessions.
S = {
    "Sessions.End": ("Sign out everywhere", "Đăng xuất khỏi mọi thiết bị"),
    "Sessions.EndConfirm": ("Sign {0} out on every device and browser? They can sign in again with their password; their API tokens are not affected.",
                            "Đăng xuất {0} khỏi mọi thiết bị và trình duyệt? Họ vẫn đăng nhập lại được bằng mật khẩu; mã API của họ không bị ảnh hưởng."),
    "Sessions.EndedToast": ("{0} has been signed out everywhere.", "{0} đã bị đăng xuất khỏi mọi thiết bị."),
}
