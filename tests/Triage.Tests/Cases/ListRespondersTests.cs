using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Users;
using Triage.Tests.Support;

namespace Triage.Tests.Cases;

public sealed class ListRespondersTests : IAsyncLifetime
{
    private TestDesk _desk = default!;
    private long _caseId;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        _caseId = await _desk.NewCase(); // reported from D1-C1, owned there
        await _desk.AddUser("commune.responder@demo.local", Role.Responder, "D1-C1");
        await _desk.AddUser("province.responder@demo.local", Role.Responder, "P");
        await _desk.AddUser("sibling.responder@demo.local", Role.Responder, "D1-C2");
        await _desk.AddUser("other.responder@demo.local", Role.Responder, "D2");
        await _desk.AddUser("gone.responder@demo.local", Role.Responder, "D1");
        await _desk.SendAs("admin@demo.local", new SetUserDisabled(await _desk.UserId("gone.responder@demo.local"), true));
        await _desk.ForceStatus(_caseId, CaseStatus.Triaged);
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task The_list_holds_the_active_responders_at_above_and_below_the_owning_unit()
    {
        var listed = await _desk.SendAs("reviewer@demo.local", new ListResponders(_caseId));

        Assert.Equal(
            ["commune.responder@demo.local", "province.responder@demo.local", "responder@demo.local"],
            listed.Select(r => r.Email).Order(StringComparer.Ordinal));
        Assert.Equal("D1-C1", listed.Single(r => r.Email == "commune.responder@demo.local").Unit.Code);
    }

    [Fact]
    public async Task Every_listed_responder_and_nobody_else_can_be_assigned_the_case()
    {
        var listed = (await _desk.SendAs("reviewer@demo.local", new ListResponders(_caseId))).Select(r => r.Email).ToHashSet();
        string[] responders = ["responder@demo.local", "commune.responder@demo.local", "province.responder@demo.local",
            "sibling.responder@demo.local", "other.responder@demo.local", "gone.responder@demo.local", "reviewer@demo.local"];

        foreach (var email in responders)
        {
            var assign = new AssignCase { CaseId = _caseId, ExpectedVersion = await _desk.Version(_caseId), ResponderEmail = email };
            var accepted = await Accepted(() => _desk.SendAs("reviewer@demo.local", assign));
            Assert.True(accepted == listed.Contains(email), $"{email}: listed {listed.Contains(email)}, accepted {accepted}");
        }
    }

    [Fact]
    public async Task Responders_with_fewer_open_assignments_come_first()
    {
        var other = await _desk.NewCase(CaseDesk.OtherClaim);
        await _desk.ForceStatus(other, CaseStatus.Triaged);
        await _desk.SendAs("reviewer@demo.local", new AssignCase
        {
            CaseId = other, ExpectedVersion = await _desk.Version(other), ResponderEmail = "commune.responder@demo.local",
        });

        var listed = await _desk.SendAs("reviewer@demo.local", new ListResponders(_caseId));

        Assert.Equal("commune.responder@demo.local", listed[^1].Email);
        Assert.Equal(1, listed[^1].OpenCases);
        Assert.All(listed.SkipLast(1), r => Assert.Equal(0, r.OpenCases));
    }

    [Fact]
    public async Task A_reviewer_of_a_sibling_district_does_not_find_the_case()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("reviewer2@demo.local", new ListResponders(_caseId)));
    }

    [Fact]
    public async Task Only_reviewers_may_ask()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("responder@demo.local", new ListResponders(_caseId)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("member@demo.local", new ListResponders(_caseId)));
    }

    [Fact]
    public async Task A_reviewer_who_reads_a_case_owned_above_them_may_not_list_its_responders()
    {
        await _desk.AddUser("member2@demo.local", Role.Member, "D2-C1");
        const string post = "https://www.facebook.com/permalink.php?story_fbid=42&id=7";
        var wide = await _desk.SendAs("member@demo.local", new SubmitReport { Url = post });
        await _desk.SendAs("member2@demo.local", new SubmitReport { Url = post });

        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("reviewer@demo.local", new ListResponders(wide.CaseId)));
        Assert.Contains((await _desk.SendAs("admin@demo.local", new ListResponders(wide.CaseId))), r => r.Email == "other.responder@demo.local");
    }

    private static async Task<bool> Accepted(Func<Task> act)
    {
        try
        {
            await act();
            return true;
        }
        catch (ValidationFailedException)
        {
            return false;
        }
    }
}
