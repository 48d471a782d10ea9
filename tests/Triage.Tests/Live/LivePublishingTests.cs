using Triage.Client.Cases;
using Triage.Client.Live;
using Triage.Client.Notifications;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Live;

/// <summary>Commands tell open pages what they changed, and only once it is committed.</summary>
public sealed class LivePublishingTests
{
    private static Task<string> OwnerPath(TestDesk desk, long caseId) => desk.Scalar<string>(
        "SELECT o.path FROM cases c JOIN org_units o ON o.id = c.owner_unit_id WHERE c.id = @caseId", new { caseId });

    [Fact]
    public async Task A_new_report_announces_the_case_it_opened_and_the_case_it_joined()
    {
        await using var desk = await TestDesk.CreateAsync();
        await desk.AddUser("member3@demo.local", Role.Member, "D1");
        using var live = new LiveRecorder(desk);

        var opened = await desk.SendAs("member@demo.local", new SubmitReport { Text = CaseDesk.OtherClaim });
        var first = await live.WaitForCase(opened.CaseId);
        var commune = await OwnerPath(desk, opened.CaseId);
        var joined = await desk.SendAs("member3@demo.local", new SubmitReport { Text = CaseDesk.OtherClaim });

        Assert.Equal(opened.CaseId, joined.CaseId);
        Assert.Equal(1, first.Version);
        Assert.Equal(commune, first.OwnerUnitPath);
        Assert.Equal([first.OwnerUnitPath], first.ReporterUnitPaths);
        // The second reporter is in the district, so the case rises to it; both units stay on the event.
        var second = (CaseChangedEvent)await live.WaitFor(e => e is CaseChangedEvent c && c.CaseId == opened.CaseId && c.Version == 2);
        Assert.Equal(await OwnerPath(desk, opened.CaseId), second.OwnerUnitPath);
        Assert.Equal(2, second.ReporterUnitPaths.Count);
    }

    [Fact]
    public async Task A_committed_case_command_announces_the_case_with_its_new_version()
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();
        using var live = new LiveRecorder(desk);

        var changed = await desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Classification, caseId, await desk.Version(caseId)));

        var heard = await live.WaitFor(e => e is CaseChangedEvent c && c.CaseId == caseId && c.Version == changed.Version);
        Assert.True(((CaseChangedEvent)heard).Touches(await desk.UnitId("D1")));
    }

    [Fact]
    public async Task A_failed_command_announces_nothing()
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();
        var other = await desk.NewCase(CaseDesk.OtherClaim);
        using var live = new LiveRecorder(desk);
        var stale = await desk.Version(caseId) - 1;

        // A stale escalation would have changed the case and notified the parent's reviewers.
        await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Escalation, caseId, stale)));
        await desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Classification, other, await desk.Version(other)));

        // Each subscriber hears events in publishing order, so once the later command is heard, the failed one would have been too.
        await live.WaitForCase(other);
        Assert.All(live.Events, e => Assert.Equal(other, Assert.IsType<CaseChangedEvent>(e).CaseId));
    }

    [Fact]
    public async Task A_merge_announces_both_cases()
    {
        await using var desk = await TestDesk.CreateAsync();
        var source = await desk.NewCase();
        var target = await desk.NewCase(CaseDesk.OtherClaim);
        using var live = new LiveRecorder(desk);

        await desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Merge, source, await desk.Version(source), target));

        await live.WaitForCase(source);
        await live.WaitForCase(target);
    }

    [Fact]
    public async Task An_escalation_notifies_the_reviewers_of_the_unit_it_rose_to_and_announces_their_bell()
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();
        await desk.AddUser("reviewer3@demo.local", Role.Reviewer, "D1-C1");
        await desk.AddUser("responder3@demo.local", Role.Responder, "D1");
        using var live = new LiveRecorder(desk);
        var reviewer = await desk.UserId("reviewer@demo.local");

        await desk.Act("reviewer3@demo.local", CaseDesk.Command(CaseAction.Escalation, caseId, await desk.Version(caseId)));

        await live.WaitFor(e => e is NotificationsChangedEvent n && n.UserId == reviewer);
        var page = await desk.SendAs("reviewer@demo.local", new ListMyNotifications());
        var note = Assert.Single(page.Items);
        Assert.Equal((NotificationKind.Escalation, caseId, "reviewer3@demo.local", "Vượt quá thẩm quyền của xã"),
            (note.Kind, note.CaseId, note.From?.Email, note.Excerpt));
        Assert.Equal(1, page.Unread);
        // Only the reviewers of the unit the case rose to: not its responder, not the province's reviewers.
        Assert.Equal(1, await desk.Scalar<long>("SELECT count(*) FROM notifications WHERE kind = 'escalation'"));
    }

    [Fact]
    public async Task Marking_notifications_read_announces_the_readers_bell()
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();
        await desk.AddUser("reviewer3@demo.local", Role.Reviewer, "D1-C1");
        await desk.Act("reviewer3@demo.local", CaseDesk.Command(CaseAction.Escalation, caseId, await desk.Version(caseId)));
        using var live = new LiveRecorder(desk);
        var reviewer = await desk.UserId("reviewer@demo.local");

        Assert.Equal(1, await desk.SendAs("reviewer@demo.local", new MarkNotificationsRead()));

        await live.WaitFor(e => e is NotificationsChangedEvent n && n.UserId == reviewer);
        Assert.Equal(0, (await desk.SendAs("reviewer@demo.local", new ListMyNotifications())).Unread);
    }
}
