using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Tests.Support;

namespace Triage.Tests.Cases;

/// <summary>The case page offers an action exactly when the server would take it.</summary>
public sealed class CaseOffersTests
{
    public static TheoryData<CaseStatus> EveryStatus() => [.. Enum.GetValues<CaseStatus>()];

    [Theory, MemberData(nameof(EveryStatus))]
    public async Task A_reviewer_is_offered_exactly_the_actions_the_server_accepts(CaseStatus status)
    {
        await using var desk = await TestDesk.CreateAsync();
        var into = await desk.NewCase(CaseDesk.OtherClaim);
        foreach (var action in CaseOffers.ReviewerActions)
        {
            // A post of its own per action, so no two of them group into one case.
            var caseId = (await desk.SendAs("member@demo.local", new SubmitReport { Url = $"https://example.org/posts/{action}" })).CaseId;
            await desk.ForceStatus(caseId, status);
            var offered = CaseOffers.For(await desk.SendAs("reviewer@demo.local", new GetCase(caseId))).Contains(action);

            var accepted = true;
            try
            {
                await desk.Act("reviewer@demo.local", CaseDesk.Command(action, caseId, await desk.Version(caseId), into));
            }
            catch (ConflictException)
            {
                accepted = false;
            }
            Assert.True(offered == accepted, $"{action} from {status}: offered {offered}, accepted {accepted}");
        }
    }

    [Theory]
    [InlineData("reviewer@demo.local", true)]
    [InlineData("admin@demo.local", true)]
    [InlineData("responder@demo.local", false)]
    [InlineData("coordinator@demo.local", false)]
    [InlineData("member@demo.local", false)]
    public async Task Only_a_reviewer_of_the_owning_line_may_act(string email, bool mayAct)
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();

        var seen = await desk.SendAs(email, new GetCase(caseId));

        Assert.Equal(mayAct, seen.MayAct);
        Assert.Equal(mayAct, CaseOffers.For(seen).Count > 0);
    }

    [Fact]
    public async Task A_reviewer_reading_a_case_owned_above_their_unit_is_offered_nothing()
    {
        await using var desk = await TestDesk.CreateAsync();
        await desk.AddUser("member2@demo.local", Role.Member, "D2-C1");
        const string post = "https://www.facebook.com/permalink.php?story_fbid=42&id=7";
        var wide = await desk.SendAs("member@demo.local", new SubmitReport { Url = post });
        await desk.SendAs("member2@demo.local", new SubmitReport { Url = post });

        var seen = await desk.SendAs("reviewer@demo.local", new GetCase(wide.CaseId));

        Assert.False(seen.MayAct);
        Assert.Empty(CaseOffers.For(seen));
        Assert.False(CaseOffers.MaySplit(seen));
    }

    [Fact]
    public async Task The_classification_note_comes_back_with_the_case()
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase();

        await desk.SendAs("reviewer@demo.local", new ClassifyCase
        {
            CaseId = caseId, ExpectedVersion = await desk.Version(caseId), Verdict = "false", Category = "health", Severity = 2, Note = "Đã đối chiếu với Bộ Y tế",
        });

        Assert.Equal("Đã đối chiếu với Bộ Y tế", (await desk.SendAs("reviewer@demo.local", new GetCase(caseId))).ClassificationNote);
    }
}
