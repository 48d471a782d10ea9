# What a page shows instead of itself when its request is refused or fails (MainLayout's error boundary).
S = {
 "PageProblem.ForbiddenTitle": ("This page is not part of your work", "Trang này không thuộc phần việc của bạn"),
 "PageProblem.ForbiddenBody": ("Your roles do not include what this page does. If you need it, ask your unit's coordinator.", "Vai trò của bạn không bao gồm chức năng của trang này. Nếu cần, hãy liên hệ điều phối viên của đơn vị."),
 "PageProblem.NotFoundTitle": ("Not found", "Không tìm thấy"),
 "PageProblem.NotFoundBody": ("What you opened does not exist, or it lies outside your units.", "Nội dung bạn mở không tồn tại hoặc nằm ngoài phạm vi đơn vị của bạn."),
}
