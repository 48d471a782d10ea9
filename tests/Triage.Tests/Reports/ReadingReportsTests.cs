using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Tests.Search;
using Triage.Tests.Support;

namespace Triage.Tests.Reports;

public sealed class ReadingReportsTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();
    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private Task<SubmittedReport> Report(string? url = null, string? text = null, params Screenshot[] screenshots) =>
        _desk.SendAs("member@demo.local", new SubmitReport { Url = url, Text = text, Screenshots = screenshots });

    [Fact]
    public async Task My_reports_lists_my_reports_newest_first_with_their_case_status()
    {
        var older = await Report("https://vnexpress.net/a.html");
        var newer = await Report(text: "Tin đồn về việc phát tiền hỗ trợ qua đường link lạ");

        var mine = await _desk.SendAs("member@demo.local", new ListMyReports());

        Assert.Equal([newer.ReportId, older.ReportId], mine.Items.Select(r => r.ReportId));
        Assert.All(mine.Items, r => Assert.Equal(CaseStatus.New, r.Status));
        Assert.All(mine.Items, r => Assert.Null(r.CounterMessageUrl));
        Assert.Empty((await _desk.SendAs("reviewer@demo.local", new ListMyReports())).Items);
    }

    [Fact]
    public async Task My_reports_pages_by_cursor()
    {
        for (var i = 0; i < 5; i++) await Report($"https://vnexpress.net/{i}.html");

        var first = await _desk.SendAs("member@demo.local", new ListMyReports(Limit: 3));
        var second = await _desk.SendAs("member@demo.local", new ListMyReports(long.Parse(first.NextCursor!, System.Globalization.CultureInfo.InvariantCulture), 3));

        Assert.Equal(3, first.Items.Count);
        Assert.Equal(2, second.Items.Count);
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task Evidence_is_served_only_to_those_who_may_read_its_case()
    {
        var report = await Report(text: "Ảnh chụp tin giả", screenshots: new Screenshot("a.png", TestImages.Png()));
        var sha = await _desk.Scalar<string>("SELECT sha256 FROM report_evidence WHERE report_id = @ReportId", new { report.ReportId });

        Assert.Equal("image/png", (await _desk.SendAs("member@demo.local", new GetEvidence(sha))).ContentType);
        Assert.Equal("image/png", (await _desk.SendAs("reviewer@demo.local", new GetEvidence(sha))).ContentType);
        Assert.Equal("image/png", (await _desk.SendAs("coordinator@demo.local", new GetEvidence(sha))).ContentType);
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("reviewer2@demo.local", new GetEvidence(sha)));
    }

    [Fact]
    public async Task Similar_cases_rank_the_closest_claim_first_among_readable_cases()
    {
        var vaccine = await Report(text: "Vắc xin COVID gây vô sinh ở phụ nữ, nhiều người đã bị sau khi tiêm mũi ba");
        await Report(text: "Giá xăng sẽ tăng gấp đôi từ thứ hai tuần sau theo thông báo mới");
        await Report(text: "Cảnh báo lừa đảo nhận quà tri ân qua đường link giả mạo ngân hàng");

        var similar = await _desk.SendAs("reviewer@demo.local", new FindSimilarCases { Text = "tiem vac xin covid bi vo sinh khong?" });
        var outside = await _desk.SendAs("reviewer2@demo.local", new FindSimilarCases { Text = "tiem vac xin covid bi vo sinh khong?" });

        Assert.Equal(vaccine.CaseId, similar.Items[0].CaseId);
        Assert.True(similar.Items[0].Score > 0);
        Assert.Empty(outside.Items);
    }

    [Fact]
    public async Task Similar_cases_find_a_vietnamese_rumour_from_part_of_it_retyped()
    {
        var cases = new List<long>();
        foreach (var claim in VietnameseRumours.Claims) cases.Add((await Report(text: claim.Text)).CaseId);

        int firstHalf = 0, lastSentence = 0;
        foreach (var (claim, caseId) in VietnameseRumours.Claims.Zip(cases))
        {
            var words = claim.Text.Split(' ');
            var half = VietnameseRumours.WithoutDiacritics(string.Join(' ', words.Take(words.Length / 2)));
            var last = claim.Text[(VietnameseRumours.LastSentenceDropped(claim.Text).Length + 1)..];
            if ((await _desk.SendAs("reviewer@demo.local", new FindSimilarCases { Text = half, Limit = 1 })).Items[0].CaseId == caseId) firstHalf++;
            if ((await _desk.SendAs("reviewer@demo.local", new FindSimilarCases { Text = last, Limit = 1 })).Items[0].CaseId == caseId) lastSentence++;
        }

        // Guards Vietnamese against ranking tuned on English tweets (decision 0006): 80 and 80 of 80
        // found first; plain BM25 before stemming and re-ranking found 80 and 77.
        Assert.Equal(80, firstHalf);
        Assert.True(lastSentence >= 78, $"last sentence alone found {lastSentence} of 80");
    }

    [Fact]
    public async Task Similar_cases_never_inject_search_syntax()
    {
        await Report(text: "Tin đồn về bão số 3");

        var result = await _desk.SendAs("reviewer@demo.local", new FindSimilarCases { Text = "\"bão\" OR NEAR(x y) * ^ : -" });

        Assert.NotNull(result);
    }
}
