using Triage.Client.Cases;
using Triage.Client.Reports;
using Triage.Server.Cases;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Queue;

/// <summary>After merge and split, search finds each claim under the case that holds its report now.</summary>
public sealed class CaseSearchRefreshTests : IAsyncLifetime
{
    private const string Garlic = "Tin đồn: ăn tỏi sống mỗi ngày giúp miễn dịch hoàn toàn với cúm mùa, không cần tiêm vắc-xin nữa!";
    private const string Lemon = "Khẩn cấp: uống nước chanh nóng mỗi sáng sẽ chữa khỏi ung thư giai đoạn cuối, bác sĩ bệnh viện K đã xác nhận!";
    private const string Bridge = "Cầu Rồng sẽ bị phá dỡ vào tháng sau để xây cao ốc, người dân cần ký đơn phản đối ngay hôm nay";

    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private async Task<List<long>> Search(string q) =>
        (await _desk.SendAs("reviewer@demo.local", new ListCases { Q = q })).Items.Select(i => i.Id).ToList();

    private async Task<List<long>> Similar(string text) =>
        (await _desk.SendAs("reviewer@demo.local", new FindSimilarCases { Text = text })).Items.Select(i => i.CaseId).ToList();

    [Fact]
    public async Task After_a_merge_the_sources_claim_is_found_in_the_target_and_no_longer_in_the_source()
    {
        var source = await _desk.NewCase(Garlic);
        var target = await _desk.NewCase(Lemon);
        Assert.Equal([source], await Search("toi song"));

        await _desk.Act("reviewer@demo.local", CaseDesk.Command(CaseAction.Merge, source, await _desk.Version(source), target));

        Assert.Equal([target], await Search("toi song"));
        Assert.Equal([target], await Search("chanh nong"));
        Assert.Equal(target, (await Similar("ăn tỏi sống chữa cúm")).First());
        Assert.Equal("", await _desk.Scalar<string>("SELECT body FROM case_search WHERE rowid = @source", new { source }));
    }

    [Fact]
    public async Task After_a_split_each_case_is_found_by_the_reports_it_holds()
    {
        const string link = "https://www.facebook.com/permalink.php?story_fbid=1234567&id=100";
        var caseId = (await _desk.SendAs("member@demo.local", new SubmitReport { Url = link, Text = Lemon })).CaseId;
        var joined = await _desk.SendAs("member@demo.local", new SubmitReport { Url = link, Text = Bridge });
        Assert.Equal(caseId, joined.CaseId);
        Assert.Equal([caseId], await Search("cau rong pha do"));

        var split = await _desk.SendAs("reviewer@demo.local",
            new SplitCase { CaseId = caseId, ExpectedVersion = await _desk.Version(caseId), ReportId = joined.ReportId });

        Assert.Equal([split.CaseId], await Search("cau rong pha do"));
        // The new case keeps the source's title (SplitCaseHandler), so both are found by it.
        Assert.Contains(caseId, await Search("chanh nong"));
        Assert.DoesNotContain("cau rong", await _desk.Scalar<string>("SELECT body FROM case_search WHERE rowid = @caseId", new { caseId }));
    }
}
