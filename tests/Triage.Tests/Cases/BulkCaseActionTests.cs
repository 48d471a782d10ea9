using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Reports;
using Triage.Client.Resources;
using Triage.Tests.Support;

namespace Triage.Tests.Cases;

public sealed class BulkCaseActionTests : IAsyncLifetime
{
    private const string Reviewer = "reviewer@demo.local";
    private TestDesk _desk = default!;
    private IStringLocalizer<Strings> _l = default!;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        _l = _desk.Services.GetRequiredService<IStringLocalizer<Strings>>();
        await _desk.AddUser("member2@demo.local", Role.Member, "D2-C1");
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private async Task<long> Case(string post, string email = "member@demo.local") =>
        (await _desk.SendAs(email, new SubmitReport { Url = $"https://facebook.com/posts/bulk-{post}" })).CaseId;

    [Fact]
    public async Task A_mixed_batch_answers_each_case_on_its_own_and_changes_only_the_one_that_may_change()
    {
        var ok = await Case("ok");
        var stale = await Case("stale");
        var illegal = await Case("illegal");
        await _desk.ForceStatus(illegal, CaseStatus.Dismissed);
        var elsewhere = await Case("elsewhere", "member2@demo.local");
        var risen = await Case("risen");
        await Case("risen", "member2@demo.local"); // a second district's reporter lifts the case to the province
        long[] all = [ok, stale, illegal, elsewhere, risen];
        var before = new Dictionary<long, string>();
        foreach (var id in all) before[id] = await _desk.Snapshot(id);
        var okVersion = await _desk.Version(ok);

        var result = await _desk.SendAs(Reviewer, new BulkCaseAction
        {
            Kind = BulkKind.Classify, Verdict = "false", Category = "health", Severity = 2,
            Items = [new(ok, okVersion), new(stale, await _desk.Version(stale) + 1), new(illegal, await _desk.Version(illegal)),
                     new(elsewhere, await _desk.Version(elsewhere)), new(risen, await _desk.Version(risen)), new(999_999, 1)],
        });

        Assert.Equal([ok, stale, illegal, elsewhere, risen, 999_999], result.Items.Select(i => i.CaseId));
        Assert.Equal([200, 412, 409, 404, 403, 404], result.Items.Select(i => i.Status));
        Assert.Equal(1, result.Succeeded);
        Assert.Equal((true, okVersion + 1, (string?)null), (result.Items[0].Ok, result.Items[0].Version, result.Items[0].Problem));
        Assert.Equal([_l["Conflict.StaleVersion"], _l["Conflict.IllegalTransition"], _l["Problem.NotFound"], _l["Problem.Forbidden"], _l["Problem.NotFound"]],
            result.Items.Skip(1).Select(i => i.Problem!));
        Assert.All(result.Items.Skip(1), i => Assert.Equal((false, (long?)null), (i.Ok, i.Version)));

        Assert.Equal("triaged", await _desk.Scalar<string>("SELECT status FROM cases WHERE id = @ok", new { ok }));
        foreach (var id in all.Skip(1)) Assert.Equal(before[id], await _desk.Snapshot(id));
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'ClassifyCase'"));
    }

    [Fact]
    public async Task A_field_error_of_one_case_is_answered_as_the_single_command_would()
    {
        await _desk.AddUser("sibling@demo.local", Role.Responder, "D2");
        var caseId = await Case("far");
        await _desk.ForceStatus(caseId, CaseStatus.Triaged);
        var before = await _desk.Snapshot(caseId);

        var result = await _desk.SendAs(Reviewer, new BulkCaseAction
        {
            Kind = BulkKind.Assign, ResponderEmail = "sibling@demo.local", Items = [new(caseId, await _desk.Version(caseId))],
        });

        var item = Assert.Single(result.Items);
        Assert.Equal((400, (string?)_l[CaseRules.ResponderOutOfReach]), (item.Status, item.Problem));
        Assert.Equal(before, await _desk.Snapshot(caseId));
    }

    [Fact]
    public async Task Bulk_automatic_assignment_spreads_the_cases_through_each_cases_own_pipeline()
    {
        await _desk.AddUser("local0@demo.local", Role.Responder, "D1-C1");
        await _desk.AddUser("local1@demo.local", Role.Responder, "D1-C1");
        var inbox = await _desk.Scalar<long>("SELECT q.id FROM queues q JOIN org_units o ON o.id = q.unit_id WHERE o.code = 'D1-C1' AND q.is_inbox = TRUE");
        await _desk.SendAs("coordinator@demo.local", new SetQueueAssignment { QueueId = inbox, Strategy = AssignmentStrategy.RoundRobin });
        var items = new List<BulkItem>();
        for (var i = 0; i < 4; i++)
        {
            var caseId = await Case($"auto-{i}");
            await _desk.ForceStatus(caseId, CaseStatus.Triaged);
            items.Add(new(caseId, await _desk.Version(caseId)));
        }

        var result = await _desk.SendAs(Reviewer, new BulkCaseAction { Kind = BulkKind.Assign, Auto = true, Items = items });

        Assert.Equal(4, result.Succeeded);
        Assert.Equal("2|2", await _desk.Scalar<string>("""
            SELECT string_agg(CAST(n AS TEXT), '|') FROM (SELECT count(*) AS n FROM cases WHERE status = 'assigned' GROUP BY assignee_user_id) AS t
            """));
        Assert.Equal(4, await _desk.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'AssignCase'"));
    }

    [Fact]
    public async Task Missing_fields_of_the_chosen_kind_refuse_the_whole_batch_before_any_case()
    {
        var caseId = await Case("nothing");
        var before = await _desk.Snapshot(caseId);
        var version = await _desk.Version(caseId);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs(Reviewer, new BulkCaseAction
        {
            Kind = BulkKind.Classify, Category = "health", Items = [new(caseId, version)],
        }));

        Assert.Equal(["severity", "verdict"], refused.Errors.Keys.Order());
        Assert.Equal(before, await _desk.Snapshot(caseId));
    }

    [Fact]
    public async Task A_member_may_not_send_a_bulk_action()
    {
        var caseId = await Case("member");

        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("member@demo.local",
            new BulkCaseAction { Kind = BulkKind.Dismiss, Reason = "x", Items = [new(caseId, 1)] }));
    }
}
