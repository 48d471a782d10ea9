using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Routing;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Routing;

/// <summary>Rules applied to new cases and again after classification, through the real intake and classification commands.</summary>
public sealed class RoutingTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private const string Vaccine = "Tin đồn: tiêm vắc-xin cúm mùa năm nay gây vô sinh cho phụ nữ, đã có hàng trăm ca ở huyện bên";
    private const string Struggle = "Kêu gọi cuộc đấu tranh trước ủy ban xã vào sáng chủ nhật, mọi người hãy chia sẻ rộng rãi";

    private Task<CaseChanged> Classify(long caseId, string category, string verdict = "false", int severity = 2) =>
        _desk.Version(caseId).ContinueWith(v => _desk.SendAs("reviewer@demo.local", new ClassifyCase
        {
            CaseId = caseId, ExpectedVersion = v.Result, Verdict = verdict, Category = category, Severity = severity,
        })).Unwrap();

    [Fact]
    public async Task The_first_matching_rule_by_position_places_a_new_case_and_moving_a_rule_changes_which()
    {
        var health = await _desk.NewQueue("D1", "Y tế");
        var social = await _desk.NewQueue("D1", "Mạng xã hội");
        await _desk.NewRule("D1", "Vắc-xin", health, r => r.Keywords = ["vac xin"]);
        var byPlatform = await _desk.NewRule("D1", "Facebook", social, r => r.Platforms = ["facebook"]);

        var first = await _desk.Report(Vaccine, "facebook");
        Assert.Equal(health, await _desk.QueueOf(first));

        await _desk.SendAs(RoutingDesk.Coordinator, new MoveRoutingRule { RuleId = byPlatform.Id, Position = 1 });
        var second = await _desk.Report("Cảnh báo: vac xin sởi cho trẻ em có chứa chip theo dõi, phụ huynh đừng cho con đi tiêm", "facebook");
        Assert.NotEqual(first, second);
        Assert.Equal(social, await _desk.QueueOf(second));
    }

    [Fact]
    public async Task The_rules_of_the_nearer_unit_are_tried_before_those_above_whatever_their_position()
    {
        var province = await _desk.NewQueue("P", "Tỉnh theo dõi");
        var district = await _desk.NewQueue("D1", "Huyện theo dõi");
        await _desk.NewRule("P", "Tỉnh: Facebook", province, r => r.Platforms = ["facebook"]);
        await _desk.NewRule("D1", "Huyện: Facebook", district, r => r.Platforms = ["facebook"]);

        var caseId = await _desk.Report(Vaccine, "facebook");

        Assert.Equal(district, await _desk.QueueOf(caseId));
    }

    [Fact]
    public async Task A_rule_of_a_unit_above_places_the_case_when_no_nearer_rule_matches_and_the_owner_rises_to_its_queue()
    {
        var province = await _desk.NewQueue("P", "Tỉnh theo dõi");
        await _desk.NewRule("D1", "Huyện: TikTok", await _desk.NewQueue("D1", "TikTok"), r => r.Platforms = ["tiktok"]);
        await _desk.NewRule("P", "Tỉnh: Facebook", province, r => r.Platforms = ["facebook"]);

        var caseId = await _desk.Report(Vaccine, "facebook");

        Assert.Equal(province, await _desk.QueueOf(caseId));
        Assert.Equal("P", await _desk.OwnerOf(caseId));
    }

    [Fact]
    public async Task A_queue_below_the_owner_keeps_the_owner_where_it_is()
    {
        var commune = await _desk.NewQueue("D1-C1", "Xã theo dõi");
        await _desk.NewRule("D1", "Về xã", commune, r => r.Keywords = ["dau tranh"]);

        var caseId = await _desk.Report(Struggle);

        Assert.Equal(commune, await _desk.QueueOf(caseId));
        Assert.Equal("D1-C1", await _desk.OwnerOf(caseId));
    }

    [Fact]
    public async Task A_rule_whose_queue_lies_in_another_branch_does_not_take_the_case()
    {
        var otherDistrict = await _desk.NewQueue("D2", "Huyện An Lạc");
        await _desk.NewRule("P", "Sang huyện khác", otherDistrict, r => r.Platforms = ["facebook"]);

        var caseId = await _desk.Report(Vaccine, "facebook");

        Assert.Equal(await _desk.Inbox("D1-C1"), await _desk.QueueOf(caseId));
        Assert.Equal("D1-C1", await _desk.OwnerOf(caseId));
    }

    [Fact]
    public async Task Keywords_match_reports_typed_with_or_without_diacritics_as_whole_words()
    {
        var queue = await _desk.NewQueue("D1", "An ninh");
        await _desk.NewRule("D1", "Đấu tranh", queue, r => r.Keywords = ["dau tranh"]);
        await _desk.NewRule("D1", "Biểu tình", queue, r => r.Keywords = ["biểu tình"]);

        var accented = await _desk.Report(Struggle);
        var plain = await _desk.Report("Moi nguoi di bieu tinh o cong uy ban huyen ngay mai, chia se ngay truoc khi bi xoa");
        var partOfAWord = await _desk.Report("Giá tranh đông hồ năm nay tăng gấp đôi vì dau tranhh thiếu hàng, bà con nên mua sớm");

        Assert.Equal(queue, await _desk.QueueOf(accented));
        Assert.Equal(queue, await _desk.QueueOf(plain));
        Assert.Equal(await _desk.Inbox("D1-C1"), await _desk.QueueOf(partOfAWord));
    }

    [Fact]
    public async Task A_rule_on_category_matches_only_after_classification_and_a_new_classification_reroutes()
    {
        var health = await _desk.NewQueue("D1", "Y tế");
        await _desk.NewRule("D1", "Y tế khẩn", health, r =>
        {
            r.Categories = ["health"];
            r.Verdicts = ["false", "misleading"];
            r.MinSeverity = 3;
            r.PriorityBoost = 25;
        });
        var caseId = await _desk.Report(Vaccine);
        Assert.Equal(await _desk.Inbox("D1-C1"), await _desk.QueueOf(caseId));

        await Classify(caseId, "health", severity: 2);
        Assert.Equal(await _desk.Inbox("D1-C1"), await _desk.QueueOf(caseId));

        await Classify(caseId, "health", severity: 4);
        Assert.Equal(health, await _desk.QueueOf(caseId));
        Assert.Equal(25, await _desk.BoostOf(caseId));

        Assert.Equal("D1", await _desk.OwnerOf(caseId));

        // The owner rose with the district's queue and does not fall back: the case returns to the district's Inbox.
        await Classify(caseId, "economy", severity: 4);
        Assert.Equal(await _desk.Inbox("D1"), await _desk.QueueOf(caseId));
        Assert.Equal(0, await _desk.BoostOf(caseId));
        Assert.Equal("D1", await _desk.OwnerOf(caseId));
    }

    [Fact]
    public async Task A_rule_naming_a_strategy_assigns_the_case_automatically_once_classified()
    {
        var queue = await _desk.NewQueue("D1", "Phản bác nhanh");
        await _desk.NewRule("D1", "Giao ngay", queue, r =>
        {
            r.Categories = ["health"];
            r.Strategy = AssignmentStrategy.RoundRobin;
        });
        var caseId = await _desk.Report(Vaccine);

        var changed = await Classify(caseId, "health");

        Assert.Equal(CaseStatus.Assigned, changed.Status);
        Assert.Equal(await _desk.Version(caseId), changed.Version);
        Assert.Equal(await _desk.UserId("responder@demo.local"),
            await _desk.Scalar<long>("SELECT assignee_user_id FROM cases WHERE id = @caseId", new { caseId }));
        Assert.Equal(1, await _desk.Scalar<long>(
            "SELECT count(*) FROM notifications WHERE case_id = @caseId AND kind = 'assignment'", new { caseId }));
    }

    [Fact]
    public async Task Without_a_responder_with_room_the_classification_stands_unassigned()
    {
        var queue = await _desk.NewQueue("D1", "Phản bác nhanh");
        await _desk.NewRule("D1", "Giao ngay", queue, r =>
        {
            r.Categories = ["health"];
            r.Strategy = AssignmentStrategy.LeastLoad;
        });
        await _desk.Execute("UPDATE users SET disabled_at = '2026-01-01' WHERE email = 'responder@demo.local'");
        var caseId = await _desk.Report(Vaccine);

        var changed = await Classify(caseId, "health");

        Assert.Equal(CaseStatus.Triaged, changed.Status);
        Assert.Equal(queue, await _desk.QueueOf(caseId));
    }

    [Fact]
    public async Task A_disabled_rule_is_skipped()
    {
        var queue = await _desk.NewQueue("D1", "Y tế");
        await _desk.NewRule("D1", "Tạm tắt", queue, r =>
        {
            r.Keywords = ["vac xin"];
            r.Enabled = false;
        });

        var caseId = await _desk.Report(Vaccine);

        Assert.Equal(await _desk.Inbox("D1-C1"), await _desk.QueueOf(caseId));
    }

    [Fact]
    public async Task The_timeline_says_which_rule_placed_the_case_without_showing_the_reporter()
    {
        var queue = await _desk.NewQueue("D1", "Y tế");
        var rule = await _desk.NewRule("D1", "Vắc-xin", queue, r =>
        {
            r.Keywords = ["vắc xin"];
            r.PriorityBoost = 10;
        });
        var caseId = await _desk.Report(Vaccine);

        var activity = await _desk.SendAs("reviewer@demo.local", new GetCaseActivity(caseId));

        var placed = Assert.Single(activity.Timeline);
        Assert.Equal("SubmitReport", placed.Action);
        Assert.Null(placed.Actor);
        Assert.Equal("Y tế", placed.Details["routedQueue"]);
        Assert.Equal("Vắc-xin", placed.Details["routedRule"]);
        Assert.Equal(rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), placed.Details["routedRuleId"]);
        Assert.Equal("10", placed.Details["priorityBoost"]);
        Assert.DoesNotContain("text", placed.Details.Keys);

        await Classify(caseId, "economy");
        var classified = (await _desk.SendAs("reviewer@demo.local", new GetCaseActivity(caseId))).Timeline[^1];
        Assert.Equal("ClassifyCase", classified.Action);
        Assert.Equal("Vắc-xin", classified.Details["routedRule"]);
    }

    [Fact]
    public async Task A_case_returned_to_the_inbox_says_so_on_the_timeline()
    {
        var queue = await _desk.NewQueue("D1", "Y tế");
        await _desk.NewRule("D1", "Y tế", queue, r => r.Categories = ["health"]);
        var caseId = await _desk.Report(Vaccine);
        await Classify(caseId, "health");

        await Classify(caseId, "economy");

        var last = (await _desk.SendAs("reviewer@demo.local", new GetCaseActivity(caseId))).Timeline[^1];
        Assert.Equal("Inbox", last.Details["routedQueue"]);
        Assert.DoesNotContain("routedRule", last.Details.Keys);
    }

    [Fact]
    public async Task A_rule_on_the_owner_unit_subtree_and_report_count()
    {
        var queue = await _desk.NewQueue("P", "Nhiều báo cáo");
        var commune = await _desk.UnitId("D1-C1");
        await _desk.NewRule("P", "Phú Thịnh, từ 1 báo cáo", queue, r =>
        {
            r.WithinUnitId = commune;
            r.MinReports = 1;
        });
        await _desk.NewRule("P", "Từ 2 báo cáo", queue, r => r.MinReports = 2);

        var caseId = await _desk.Report(Vaccine);

        Assert.Equal(queue, await _desk.QueueOf(caseId));
        var rules = await _desk.SendAs(RoutingDesk.Coordinator, new ListRoutingRules(await _desk.UnitId("P")));
        Assert.Equal(["Phú Thịnh, từ 1 báo cáo", "Từ 2 báo cáo"], rules.Select(r => r.Name));
        Assert.Equal([1, 2], rules.Select(r => r.Position));
        Assert.Equal("D1-C1", rules[0].When.WithinUnit?.Code);
    }
}
