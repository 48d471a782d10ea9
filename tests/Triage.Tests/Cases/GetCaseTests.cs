using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Tests.Support;

namespace Triage.Tests.Cases;

public sealed class GetCaseTests : IAsyncLifetime
{
    private const string Rumour = "Khẩn cấp: uống nước chanh nóng mỗi sáng sẽ chữa khỏi ung thư giai đoạn cuối, bác sĩ bệnh viện K đã xác nhận!";
    private TestDesk _desk = default!;
    private long _caseId;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        await _desk.AddUser("member3@demo.local", Role.Member, "D1-C2");
        _caseId = await _desk.NewCase(Rumour);
        await _desk.SendAs("member3@demo.local", new SubmitReport { Text = Rumour, Url = "https://www.tiktok.com/@a/video/123", Note = "Thấy trong nhóm Zalo" });
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task A_reviewer_sees_the_case_with_every_report_and_who_filed_it()
    {
        var seen = await _desk.SendAs("reviewer@demo.local", new GetCase(_caseId));

        Assert.Equal(CaseStatus.New, seen.Status);
        Assert.Equal(2, seen.ReportCount);
        Assert.Equal("D1", seen.Unit.Code); // reporters in two communes of district 1
        Assert.Null(seen.Assignee);
        Assert.Equal(["member@demo.local", "member3@demo.local"], seen.Reports.Select(r => r.Reporter?.Email));
        var second = seen.Reports[1];
        Assert.Equal("tiktok", second.Platform);
        Assert.Equal("Thấy trong nhóm Zalo", second.Note);
        Assert.NotNull(second.CanonicalUrl);
    }

    [Fact]
    public async Task A_member_reads_the_case_of_their_report_but_no_other_reporter()
    {
        var seen = await _desk.SendAs("member@demo.local", new GetCase(_caseId));

        Assert.Equal(2, seen.Reports.Count);
        Assert.Equal("member@demo.local", seen.Reports[0].Reporter?.Email);
        Assert.Null(seen.Reports[1].Reporter);
        Assert.Equal(Rumour, seen.Reports[1].Text);
    }

    [Fact]
    public async Task A_responder_reads_the_case_without_reporter_identities()
    {
        var seen = await _desk.SendAs("responder@demo.local", new GetCase(_caseId));

        Assert.All(seen.Reports, r => Assert.Null(r.Reporter));
    }

    [Fact]
    public async Task A_member_cannot_read_a_case_they_did_not_report()
    {
        var other = await _desk.NewCase("Cảnh báo lừa đảo nhận quà tri ân qua đường link giả mạo ngân hàng", "member3@demo.local");

        await Assert.ThrowsAsync<NotFoundException>(() => _desk.SendAs("member@demo.local", new GetCase(other)));
    }

    [Fact]
    public async Task The_priority_adds_reports_reach_severity_hours_waiting_and_the_routing_boost()
    {
        _desk.Clock.Advance(TimeSpan.FromHours(3.5));
        var version = await _desk.Version(_caseId);
        await _desk.SendAs("reviewer@demo.local", new ClassifyCase { CaseId = _caseId, ExpectedVersion = version, Verdict = "false", Category = "health", Severity = 4 });
        await _desk.Execute("UPDATE cases SET priority_boost = 15 WHERE id = @_caseId", new { _caseId });

        var priority = (await _desk.SendAs("reviewer@demo.local", new GetCase(_caseId))).Priority;

        // Two communes reported it; only the second report names a platform (tiktok), so one platform: reach 4.
        Assert.Equal(new CasePriority(10 + 4 + 40 + 3 + 15, 10, 4, 40, 3, 15) { ReporterUnits = 2, Platforms = 1 }, priority);
    }

    [Fact]
    public async Task The_priority_reaches_the_api_as_an_object_with_every_part()
    {
        await _desk.Execute("UPDATE cases SET priority_boost = 15 WHERE id = @_caseId", new { _caseId });
        var detail = await _desk.SendAs("reviewer@demo.local", new GetCase(_caseId));

        // Minimal APIs start from the web defaults; the desk adds only an enum converter, which the priority does not use.
        var priority = System.Text.Json.JsonSerializer.SerializeToElement(detail, System.Text.Json.JsonSerializerOptions.Web).GetProperty("priority");

        Assert.Equal(["score", "reports", "reach", "severity", "age", "boost", "reporterUnits", "platforms"],
            priority.EnumerateObject().Select(p => p.Name));
        Assert.Equal(detail.Priority.Reports + 4 + 20 + detail.Priority.Age + 15, priority.GetProperty("score").GetInt32());
        Assert.Equal(4, priority.GetProperty("reach").GetInt32());
        Assert.Equal(15, priority.GetProperty("boost").GetInt32());
        Assert.Equal(2, priority.GetProperty("reporterUnits").GetInt32());
        Assert.Equal(1, priority.GetProperty("platforms").GetInt32());
    }

    [Fact]
    public void Priority_parts_are_capped_and_age_stops_counting_once_the_case_is_settled()
    {
        Assert.Equal(new CasePriority(50 + 20 + 20 + 48, 50, 20, 20, 48, 0) { ReporterUnits = 4, Platforms = 4 },
            CasePriority.Of(30, 4, 4, null, TimeSpan.FromDays(9), open: true, boost: 0));
        Assert.Equal(new CasePriority(5 + 0 + 10 + 0 + 100, 5, 0, 10, 0, 100) { ReporterUnits = 1, Platforms = 0 },
            CasePriority.Of(1, 1, 0, 1, TimeSpan.FromDays(9), open: false, boost: 100));
    }

    [Fact]
    public void Reach_counts_each_unit_and_platform_beyond_the_first_up_to_its_cap()
    {
        Assert.Equal(0, CasePriority.Of(1, 1, 1, null, TimeSpan.Zero, open: true, boost: 0).Reach);
        Assert.Equal(0, CasePriority.Of(0, 0, 0, null, TimeSpan.Zero, open: false, boost: 0).Reach);
        Assert.Equal(CasePriority.PerExtraUnit * 2, CasePriority.Of(3, 3, 1, null, TimeSpan.Zero, open: true, boost: 0).Reach);
        Assert.Equal(CasePriority.PerExtraUnit + CasePriority.PerExtraPlatform * 2, CasePriority.Of(3, 2, 3, null, TimeSpan.Zero, open: true, boost: 0).Reach);
        Assert.Equal(CasePriority.MaxReach, CasePriority.Of(50, 40, 2, null, TimeSpan.Zero, open: true, boost: 0).Reach);
    }
}
