# The reach and routing-boost parts of a case's priority (src/Triage.Client/Cases/PriorityParts.razor).
S = {
 "CasePriority.Reach": ("Reach", "Mức lan rộng"),
 "CasePriority.ReachWhy": ("estimated from how widely it was reported (reporting units: {0}, platforms: {1}): {2} per unit and {3} per platform beyond the first, at most {4}",
                           "ước tính theo phạm vi được báo cáo (đơn vị báo cáo: {0}, nền tảng: {1}): mỗi đơn vị thêm {2} điểm, mỗi nền tảng thêm {3} điểm, không tính đơn vị và nền tảng đầu tiên, tối đa {4}"),
 "CasePriority.Boost": ("Routing boost", "Điểm cộng điều phối"),
 "CasePriority.BoostWhy": ("added by a routing rule, from 0 to {0}", "do quy tắc điều phối cộng thêm, từ 0 đến {0}"),
 "CasePriority.BoostNone": ("no routing rule has raised this case", "chưa có quy tắc điều phối nào nâng mức ưu tiên của vụ việc này"),
}
