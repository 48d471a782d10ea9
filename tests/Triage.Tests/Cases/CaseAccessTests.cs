using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Server.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Cases;

public sealed class CaseAccessTests : IAsyncLifetime
{
    private TestDesk _desk = default!;
    private long _caseId;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        _caseId = await _desk.NewCase();
        await _desk.ForceStatus(_caseId, CaseStatus.Triaged);
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    public static TheoryData<string, CaseAction> NonReviewerActions()
    {
        var data = new TheoryData<string, CaseAction>();
        foreach (var email in new[] { "member@demo.local", "responder@demo.local", "coordinator@demo.local" })
            foreach (var action in CaseDesk.Commanded)
                data.Add(email, action);
        return data;
    }

    [Theory, MemberData(nameof(NonReviewerActions))]
    public async Task Roles_that_never_triage_are_forbidden_every_reviewer_action(string email, CaseAction action)
    {
        var before = await _desk.Snapshot(_caseId);
        var version = await _desk.Version(_caseId);

        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.Act(email, CaseDesk.Command(action, _caseId, version)));

        Assert.Equal(before, await _desk.Snapshot(_caseId));
    }

    [Fact]
    public async Task A_reviewer_of_a_sibling_district_cannot_see_or_touch_the_case()
    {
        var before = await _desk.Snapshot(_caseId);

        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("reviewer2@demo.local", new GetCase(_caseId)));
        foreach (var action in CaseDesk.Commanded)
            await Assert.ThrowsAsync<NotFoundException>(() => _desk.Act("reviewer2@demo.local", CaseDesk.Command(action, _caseId, 1)));

        Assert.Equal(before, await _desk.Snapshot(_caseId));
    }

    [Fact]
    public async Task A_responder_is_given_a_case_from_outside_their_unit_and_can_read_it_while_it_is_theirs()
    {
        // Reported in district 2, risen to the province, handed to district 1's responder: no unit rule covers them.
        await _desk.AddUser("member.d2@demo.local", Role.Member, "D2-C1");
        var caseId = await _desk.NewCase(CaseDesk.OtherClaim, "member.d2@demo.local");
        var assign = new { caseId, province = await _desk.UnitId("P"), responder = await _desk.UserId("responder@demo.local") };
        await _desk.Execute("UPDATE cases SET owner_unit_id = @province, status = 'assigned', verdict = 'false', category = 'health', severity = 2 WHERE id = @caseId", assign);
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("responder@demo.local", new GetCase(caseId)));

        await _desk.Execute("UPDATE cases SET assignee_user_id = @responder WHERE id = @caseId", assign);
        Assert.Equal(caseId, (await _desk.SendAs("responder@demo.local", new GetCase(caseId))).Id);
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("reviewer@demo.local", new GetCase(caseId)));

        await _desk.Execute("UPDATE cases SET assignee_user_id = NULL WHERE id = @caseId", assign);
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("responder@demo.local", new GetCase(caseId)));
    }

    [Fact]
    public async Task A_case_that_does_not_exist_is_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("admin@demo.local", new GetCase(999_999)));
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.Act("admin@demo.local", CaseDesk.Command(CaseAction.Classification, 999_999, 1)));
    }

    [Fact]
    public async Task A_district_reviewer_reads_but_may_not_act_on_a_case_that_rose_to_the_province()
    {
        await _desk.AddUser("member2@demo.local", Role.Member, "D2-C1");
        const string post = "https://www.facebook.com/permalink.php?story_fbid=42&id=7";
        var first = await _desk.SendAs("member@demo.local", new Triage.Client.Reports.SubmitReport { Url = post });
        await _desk.SendAs("member2@demo.local", new Triage.Client.Reports.SubmitReport { Url = post });

        var seen = await _desk.SendAs("reviewer@demo.local", new GetCase(first.CaseId));

        Assert.Equal("P", seen.Unit.Code);
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            _desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Dismissal, first.CaseId, seen.Version)));
        var admin = await _desk.Act("admin@demo.local", CaseDesk.Command(CaseAction.Dismissal, first.CaseId, seen.Version));
        Assert.Equal(CaseStatus.Dismissed, admin.Status);
    }

    [Fact]
    public async Task A_reviewer_of_an_ancestor_unit_acts_on_a_commune_case()
    {
        var changed = await _desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Classification, _caseId, await _desk.Version(_caseId)));

        Assert.Equal(CaseStatus.Triaged, changed.Status);
        Assert.Equal("D1-C1", (await _desk.SendAs("reviewer@demo.local", new GetCase(_caseId))).Unit.Code);
    }
}
