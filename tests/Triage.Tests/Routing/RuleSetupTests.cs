using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Routing;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Routing;

/// <summary>Saving, ordering, previewing and scoping rules, and setting up queues.</summary>
public sealed class RuleSetupTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        await _desk.AddUser("coordinator-d1@demo.local", Role.Coordinator, "D1");
        await _desk.AddUser("coordinator-d2@demo.local", Role.Coordinator, "D2");
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private Task<long> Count(string table) => _desk.Scalar<long>($"SELECT count(*) FROM {table}");

    [Fact]
    public async Task A_preview_lists_the_recent_cases_of_the_units_subtree_the_draft_matches_and_writes_nothing()
    {
        var matching = await _desk.Report("Cuộc đấu tranh đòi đất ở xã Phú Thịnh đang lan rộng, ai cũng nên biết để tham gia");
        await _desk.Report("Giá xăng sẽ tăng gấp đôi từ tuần sau theo nguồn tin nội bộ của cây xăng đầu làng");
        await _desk.AddUser("member-d2@demo.local", Role.Member, "D2-C1");
        await _desk.Report("Dau tranh o xa Yen The: moi nguoi tap trung truoc cong uy ban luc bay gio sang", email: "member-d2@demo.local");
        var events = await Count("audit_events");

        var preview = await _desk.SendAs("coordinator-d1@demo.local", new PreviewRoutingRule
        {
            UnitId = await _desk.UnitId("D1"), Keywords = ["dau tranh"], TargetQueueId = await _desk.Inbox("D1"),
        });

        Assert.Equal(2, preview.Examined);
        var match = Assert.Single(preview.Matches);
        Assert.Equal(matching, match.CaseId);
        Assert.StartsWith("Cuộc đấu tranh", match.Title, StringComparison.Ordinal);
        Assert.Equal((CaseStatus.New, "Inbox"), (match.Status, match.QueueName));
        Assert.Equal(events, await Count("audit_events"));
        Assert.Equal(0, await Count("routing_rules"));
    }

    [Fact]
    public async Task A_preview_judges_classification_as_the_cases_have_it()
    {
        var classified = await _desk.Report("Uống nước chanh nóng mỗi sáng chữa khỏi ung thư giai đoạn cuối, bác sĩ đã xác nhận");
        await _desk.ForceStatus(classified, CaseStatus.Triaged);
        await _desk.Report("Giá xăng sẽ tăng gấp đôi từ tuần sau theo nguồn tin nội bộ của cây xăng đầu làng");

        var preview = await _desk.SendAs(RoutingDesk.Coordinator, new PreviewRoutingRule
        {
            UnitId = await _desk.UnitId("P"), Categories = ["health"], Severities = [2],
        });

        Assert.Equal([classified], preview.Matches.Select(m => m.CaseId));
    }

    [Fact]
    public async Task A_rule_without_a_condition_is_a_field_error_and_nothing_is_saved()
    {
        var rule = new SaveRoutingRule { UnitId = await _desk.UnitId("D1"), Name = "Tất cả", TargetQueueId = await _desk.Inbox("D1"), Keywords = [" "] };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs(RoutingDesk.Coordinator, rule));

        Assert.Equal(["conditions"], error.Errors.Keys);
        Assert.Equal(0, await Count("routing_rules"));
    }

    [Fact]
    public async Task An_unknown_queue_or_one_outside_the_rules_subtree_is_a_field_error_on_the_queue()
    {
        foreach (var queueId in new[] { 999_999, await _desk.Inbox("D2"), await _desk.Inbox("P") })
        {
            var rule = new SaveRoutingRule { UnitId = await _desk.UnitId("D1"), Name = "Sai hàng đợi", TargetQueueId = queueId, Platforms = ["facebook"] };

            var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs(RoutingDesk.Coordinator, rule));

            Assert.Equal(["targetQueueId"], error.Errors.Keys);
        }
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs(RoutingDesk.Coordinator,
            new SaveRoutingRule { UnitId = 1, Name = "Không hàng đợi", Platforms = ["facebook"] }));
        Assert.Contains("targetQueueId", missing.Errors.Keys);
        Assert.Equal(0, await Count("routing_rules"));
    }

    [Theory]
    [InlineData(101)]
    [InlineData(-1)]
    public async Task A_boost_outside_0_to_100_is_a_field_error(int boost)
    {
        var rule = new SaveRoutingRule
        {
            UnitId = await _desk.UnitId("D1"), Name = "Quá mức", TargetQueueId = await _desk.Inbox("D1"), Platforms = ["facebook"], PriorityBoost = boost,
        };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs(RoutingDesk.Coordinator, rule));

        Assert.Contains("priorityBoost", error.Errors.Keys);
        Assert.Equal(0, await Count("routing_rules"));
    }

    [Fact]
    public async Task Unknown_taxonomy_codes_and_a_unit_outside_the_rule_are_field_errors()
    {
        var rule = new SaveRoutingRule
        {
            UnitId = await _desk.UnitId("D1"), Name = "Mã lạ", TargetQueueId = await _desk.Inbox("D1"),
            Platforms = ["myspace"], Categories = ["gossip"], Verdicts = ["maybe"], WithinUnitId = await _desk.UnitId("D2"),
        };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs(RoutingDesk.Coordinator, rule));

        Assert.Equal(["categories", "platforms", "verdicts", "withinUnitId"], error.Errors.Keys.Order());
    }

    [Fact]
    public async Task A_district_coordinator_cannot_see_or_touch_another_districts_rules()
    {
        var d2 = await _desk.UnitId("D2");
        var rule = await _desk.NewRule("D2", "An Lạc", await _desk.Inbox("D2"), r => r.Platforms = ["zalo"], "coordinator-d2@demo.local");
        const string other = "coordinator-d1@demo.local";

        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs(other, new ListRoutingRules(d2)));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs(other, new DeleteRoutingRule { RuleId = rule.Id }));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs(other, new MoveRoutingRule { RuleId = rule.Id, Position = 1 }));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs(other, new PreviewRoutingRule { UnitId = d2, Platforms = ["zalo"] }));
        var edit = SaveRoutingRule.From(rule);
        edit.Name = "Đổi tên";
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs(other, edit));
        edit.UnitId = await _desk.UnitId("D1");
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs(other, edit));
        Assert.Equal("An Lạc", Assert.Single(await _desk.SendAs("coordinator-d2@demo.local", new ListRoutingRules(d2))).Name);
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("reviewer@demo.local", new ListRoutingRules(d2)));
    }

    [Fact]
    public async Task Rules_keep_their_order_through_moves_edits_and_deletes()
    {
        var queue = await _desk.Inbox("D1");
        var a = await _desk.NewRule("D1", "A", queue, r => r.Platforms = ["facebook"]);
        var b = await _desk.NewRule("D1", "B", queue, r => r.Platforms = ["zalo"]);
        var c = await _desk.NewRule("D1", "C", queue, r => r.Platforms = ["tiktok"]);

        var moved = await _desk.SendAs(RoutingDesk.Coordinator, new MoveRoutingRule { RuleId = c.Id, Position = 1 });
        Assert.Equal(["C", "A", "B"], moved.Select(r => r.Name));
        Assert.Equal([1, 2, 3], moved.Select(r => r.Position));

        var edit = SaveRoutingRule.From(moved[1]);
        edit.Name = "A2";
        edit.Enabled = false;
        var saved = await _desk.SendAs(RoutingDesk.Coordinator, edit);
        Assert.Equal((a.Id, "A2", false, 2), (saved.Id, saved.Name, saved.Enabled, saved.Position));

        await _desk.SendAs(RoutingDesk.Coordinator, new DeleteRoutingRule { RuleId = c.Id });
        var left = await _desk.SendAs(RoutingDesk.Coordinator, new ListRoutingRules(await _desk.UnitId("D1")));
        Assert.Equal([(a.Id, 1), (b.Id, 2)], left.Select(r => (r.Id, r.Position)));

        var last = await _desk.SendAs(RoutingDesk.Coordinator, new MoveRoutingRule { RuleId = a.Id, Position = 50 });
        Assert.Equal(["B", "A2"], last.Select(r => r.Name));
    }

    [Fact]
    public async Task A_coordinator_creates_a_queue_with_its_order_and_assignment_and_the_list_shows_them()
    {
        var created = await _desk.SendAs("coordinator-d1@demo.local", new CreateQueue
        {
            UnitId = await _desk.UnitId("D1-C2"), Name = "Lừa đảo", Order = QueueOrder.Age, Strategy = AssignmentStrategy.LeastLoad, Cap = 4,
        });

        var listed = Assert.Single(await _desk.SendAs("reviewer@demo.local", new ListQueues()), q => q.Id == created.Id);
        Assert.Equal(("Lừa đảo", "D1-C2", false, QueueOrder.Age, AssignmentStrategy.LeastLoad, (int?)4),
            (listed.Name, listed.Unit.Code, listed.IsInbox, listed.Order, listed.Strategy, listed.Cap));
        var taken = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs("coordinator-d1@demo.local",
            new CreateQueue { UnitId = listed.Unit.Id, Name = "lừa đảo" }));
        Assert.Equal(["name"], taken.Errors.Keys);
    }

    [Fact]
    public async Task A_queue_is_renamed_and_reordered_but_an_inbox_keeps_its_name()
    {
        var queueId = await _desk.NewQueue("D1", "Y tế");

        var updated = await _desk.SendAs(RoutingDesk.Coordinator, new UpdateQueue
        {
            QueueId = queueId, Name = "Y tế, sức khỏe", Order = QueueOrder.Sla, Strategy = AssignmentStrategy.RoundRobin,
        });
        Assert.Equal(("Y tế, sức khỏe", QueueOrder.Sla, AssignmentStrategy.RoundRobin), (updated.Name, updated.Order, updated.Strategy));

        var inbox = await _desk.Inbox("D1");
        var renamed = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs(RoutingDesk.Coordinator,
            new UpdateQueue { QueueId = inbox, Name = "Hộp thư chính" }));
        Assert.Equal(["name"], renamed.Errors.Keys);
        var reordered = await _desk.SendAs(RoutingDesk.Coordinator, new UpdateQueue { QueueId = inbox, Name = "Inbox", Order = QueueOrder.Reports });
        Assert.Equal(QueueOrder.Reports, reordered.Order);
    }

    [Fact]
    public async Task A_queue_is_deleted_only_when_no_case_and_no_rule_needs_it_and_never_an_inbox()
    {
        var full = await _desk.NewQueue("D1", "Đang dùng");
        await _desk.NewRule("D1", "Vào hàng đợi", full, r => r.Keywords = ["dau tranh"]);
        await _desk.Report("Cuộc đấu tranh đòi đất ở xã Phú Thịnh đang lan rộng, ai cũng nên biết để tham gia");
        var ruled = await _desk.NewQueue("D1", "Có quy tắc");
        await _desk.NewRule("D1", "Chưa có vụ", ruled, r => r.Platforms = ["x"]);
        var empty = await _desk.NewQueue("D1", "Trống");

        Assert.Equal(QueueSetupRules.QueueNotEmpty, (await Assert.ThrowsAsync<ConflictException>(() =>
            _desk.SendAs(RoutingDesk.Coordinator, new DeleteQueue { QueueId = full }))).Code);
        Assert.Equal(QueueSetupRules.QueueHasRules, (await Assert.ThrowsAsync<ConflictException>(() =>
            _desk.SendAs(RoutingDesk.Coordinator, new DeleteQueue { QueueId = ruled }))).Code);
        Assert.Equal(QueueSetupRules.InboxStays, (await Assert.ThrowsAsync<ConflictException>(async () =>
            await _desk.SendAs(RoutingDesk.Coordinator, new DeleteQueue { QueueId = await _desk.Inbox("D1") }))).Code);

        await _desk.SendAs(RoutingDesk.Coordinator, new DeleteQueue { QueueId = empty });

        Assert.Equal(["Có quy tắc", "Đang dùng", "Inbox"],
            (await _desk.SendAs(RoutingDesk.Coordinator, new ListQueues())).Where(q => q.Unit.Code == "D1").Select(q => q.Name).Order());
    }

    [Fact]
    public async Task Queue_setup_is_for_coordinators_of_the_units_subtree()
    {
        var queueId = await _desk.NewQueue("D1", "Y tế");

        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("coordinator-d2@demo.local", new DeleteQueue { QueueId = queueId }));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("coordinator-d2@demo.local", new UpdateQueue { QueueId = queueId, Name = "X" }));
        await Assert.ThrowsAsync<NotFoundException>(async () => await _desk.SendAs("coordinator-d2@demo.local",
            new CreateQueue { UnitId = await _desk.UnitId("D1"), Name = "Lén" }));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await _desk.SendAs("reviewer@demo.local",
            new CreateQueue { UnitId = await _desk.UnitId("D1"), Name = "Lén" }));
        Assert.Equal(2, await _desk.Scalar<long>("SELECT count(*) FROM queues q JOIN org_units o ON o.id = q.unit_id WHERE o.code = 'D1'"));
    }
}
