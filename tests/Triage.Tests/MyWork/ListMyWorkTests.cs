using Dapper;
using Triage.Client.Cases;
using Triage.Client.MyWork;
using Triage.Client.Pipeline;
using Triage.Client.Responses;
using Triage.Client.Sla;
using Triage.Server.MyWork;
using Triage.Tests.Cases;
using Triage.Tests.Queue;
using Triage.Tests.Sla;
using Triage.Tests.Support;

namespace Triage.Tests.MyWork;

/// <summary>A responder's own assignments, by how soon the first counter-message is due.</summary>
public sealed class ListMyWorkTests : IAsyncLifetime
{
    private const string Responder = "responder@demo.local";
    private const string Other = "responder2@demo.local";
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private Task<long> Seed(string unit, CaseStatus status = CaseStatus.Assigned, string? assignee = Responder, int reports = 1) =>
        _desk.SeedCase(new QueueDesk.Seed(Unit: unit, Status: status, Assignee: assignee, Reports: reports, Verdict: "false", Category: "health", Severity: 2));

    private async Task<List<long>> IdsOf(string email) => (await _desk.SendAs(email, new ListMyWork())).Items.Select(c => c.Id).ToList();

    [Fact]
    public async Task Soonest_response_due_comes_first_cases_without_one_last_by_priority_and_only_my_open_assignments_appear()
    {
        // D1-C1 answers within 100 minutes, D1-C2 within 400; D1-C3 has no policy, so its cases have no due time.
        await _desk.Policy("D1-C1", triage: 60, response: 100);
        await _desk.Policy("D1-C2", triage: 60, response: 400);
        await _desk.AddUser(Other, Role.Responder, "D1");
        var slow = await Seed("D1-C2");
        var noDueFew = await Seed("D1-C3", reports: 1);
        var fast = await Seed("D1-C1");
        var noDueMany = await Seed("D1-C3", reports: 9);
        var answered = await Seed("D1-C1", CaseStatus.Responded, reports: 4);
        await Seed("D1-C1", CaseStatus.Closed);
        await Seed("D1-C1", CaseStatus.Triaged, assignee: null);
        var theirs = await Seed("D1-C1", assignee: Other);
        await _desk.ApplyDues();
        _desk.Clock.Advance(TimeSpan.FromMinutes(80));

        var work = await _desk.SendAs(Responder, new ListMyWork());

        Assert.Equal([fast, slow, noDueMany, answered, noDueFew], work.Items.Select(c => c.Id).ToList());
        Assert.False(work.More);
        var first = work.Items[0];
        Assert.Equal(new SlaDue(SlaKind.Response, _desk.Clock.GetUtcNow() + TimeSpan.FromMinutes(20), SlaState.DueSoon), first.Sla);
        Assert.Equal(SlaState.OnTrack, work.Items[1].Sla!.State);
        // Once answered nothing is pending: the case waits only to be closed.
        Assert.Null(work.Items.Single(c => c.Id == answered).Sla);
        Assert.Equal((CaseStatus.Assigned, "false", "health", 2, "D1-C1"), (first.Status, first.Verdict, first.Category, first.Severity, first.Unit.Code));
        Assert.Equal([theirs], await IdsOf(Other));
    }

    [Fact]
    public async Task A_case_leaves_my_work_when_it_is_closed_or_given_to_another_responder()
    {
        await _desk.AddUser(Other, Role.Responder, "D1");
        var reassigned = await _desk.NewCase();
        var closed = await _desk.NewCase(CaseDesk.OtherClaim);
        await _desk.ForceStatus(reassigned, CaseStatus.Assigned);
        await _desk.ForceStatus(closed, CaseStatus.Responded);
        Assert.Equal([reassigned, closed], (await IdsOf(Responder)).Order().ToList());

        await _desk.SendAs("reviewer@demo.local", new AssignCase { CaseId = reassigned, ExpectedVersion = await _desk.Version(reassigned), ResponderEmail = Other });
        await _desk.SendAs(Responder, new CloseCase { CaseId = closed, ExpectedVersion = await _desk.Version(closed), Outcome = "responded" });

        Assert.Empty(await IdsOf(Responder));
        Assert.Equal([reassigned], await IdsOf(Other));
    }

    [Fact]
    public async Task Each_case_says_how_far_its_counter_message_got()
    {
        var caseId = await _desk.NewCase();
        await _desk.ForceStatus(caseId, CaseStatus.Assigned);
        Assert.Null((await _desk.SendAs(Responder, new ListMyWork())).Items.Single().Answer);

        var draft = await _desk.SendAs(Responder, new DraftResponse
        {
            CaseId = caseId, Kind = "debunk", Channel = "facebook", Language = "vi",
            Text = "Sự thật: nước chanh không chữa được ung thư; hãy đi khám khi có dấu hiệu bệnh.",
        });
        Assert.Equal(ResponseStatus.Draft, (await _desk.SendAs(Responder, new ListMyWork())).Items.Single().Answer);

        await _desk.SendAs(Responder, new PublishResponse
        {
            ResponseId = draft.ResponseId, PublishedUrl = "https://facebook.com/ttxvn/posts/su-that", PublishedAt = _desk.Clock.GetUtcNow(),
        });
        // A second draft started afterwards does not hide the published answer.
        await _desk.SendAs(Responder, new DraftResponse { CaseId = caseId, Kind = "clarification", Channel = "zalo", Language = "vi", Text = "Bản làm rõ thêm." });

        var mine = (await _desk.SendAs(Responder, new ListMyWork())).Items.Single();
        Assert.Equal((CaseStatus.Responded, ResponseStatus.Published), (mine.Status, mine.Answer));
    }

    [Fact]
    public async Task A_reviewer_who_was_given_a_case_sees_it_too()
    {
        var caseId = await Seed("D1-C1", assignee: "reviewer@demo.local");

        Assert.Equal([caseId], await IdsOf("reviewer@demo.local"));
        Assert.Empty(await IdsOf(Responder));
    }

    [Theory]
    [InlineData("member@demo.local")]
    [InlineData("coordinator@demo.local")]
    public async Task Roles_that_never_answer_cases_are_refused(string email)
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs(email, new ListMyWork()));
    }

    [Fact]
    public async Task A_long_list_stops_at_the_limit_and_says_there_is_more()
    {
        var ids = new List<long>();
        for (var i = 0; i < 3; i++) ids.Add(await Seed("D1-C1", reports: 3 - i));

        var work = await _desk.SendAs(Responder, new ListMyWork { Limit = 2 });

        Assert.Equal(ids.Take(2), work.Items.Select(c => c.Id));
        Assert.True(work.More);
        await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs(Responder, new ListMyWork { Limit = ListMyWork.MaxLimit + 1 }));
    }

    [SqliteFact]
    public async Task The_query_reads_only_the_callers_rows_through_the_assignee_index()
    {
        await using var connection = await _desk.Db.OpenAsync();
        var plan = string.Join("\n", (await connection.QueryAsync<(long, long, long, string Detail)>(
            "EXPLAIN QUERY PLAN " + ListMyWorkHandler.Sql, new { me = 1, take = 10 })).Select(r => r.Detail));

        Assert.Contains("ix_cases_assignee_status", plan);
        Assert.DoesNotContain("SCAN c", plan);
    }
}
