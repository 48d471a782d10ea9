using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Responses;
using Triage.Client.Stats;
using Triage.Server.Stats;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Stats;

/// <summary>
/// A small desk whose every figure is counted by hand. The clock starts on 26 November 2026 at 08:00 UTC,
/// 15:00 in Hanoi; the desk's days are Hanoi's.
/// </summary>
public sealed class GetStatsTests : IAsyncLifetime
{
    private const string Coordinator = "coordinator@demo.local";
    private static readonly DateOnly Nov26 = new(2026, 11, 26), Nov27 = new(2026, 11, 27);
    private TestDesk _desk = default!;
    private long _lemon, _tax, _elsewhere;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        await _desk.AddUser("member.c2@demo.local", Role.Member, "D1-C2");
        await _desk.AddUser("member.d2@demo.local", Role.Member, "D2-C1");
        await _desk.AddUser("coordinator.d1@demo.local", Role.Coordinator, "D1");

        // 26 Nov, 15:00 Hanoi: one claim from two communes of district 1, by link and by text.
        _lemon = (await _desk.SendAs("member@demo.local", new SubmitReport { Url = "https://www.facebook.com/groups/1/posts/77", Text = CaseDeskText.Lemon })).CaseId;
        Assert.Equal(_lemon, (await _desk.SendAs("member.c2@demo.local", new SubmitReport { Text = CaseDeskText.Lemon })).CaseId);
        // Two hours later a reviewer classifies it, and the responder is given it.
        _desk.Clock.Advance(TimeSpan.FromHours(2));
        await _desk.SendAs("reviewer@demo.local", new ClassifyCase { CaseId = _lemon, ExpectedVersion = await _desk.Version(_lemon), Verdict = "false", Category = "health", Severity = 3 });
        await _desk.SendAs("reviewer@demo.local", new AssignCase { CaseId = _lemon, ExpectedVersion = await _desk.Version(_lemon), ResponderEmail = "responder@demo.local" });
        // Six hours after it was first reported, the lemon case is answered.
        _desk.Clock.Advance(TimeSpan.FromHours(4));
        var draft = await _desk.SendAs("responder@demo.local", new DraftResponse { CaseId = _lemon, Kind = "debunk", Channel = "facebook", Language = "vi", Text = "Nước chanh không chữa ung thư." });
        await _desk.SendAs("responder@demo.local", new PublishResponse { ResponseId = draft.ResponseId, PublishedUrl = "https://facebook.com/hoi/posts/1", PublishedAt = _desk.Clock.GetUtcNow() });
        // 27 Nov, 01:00 Hanoi (18:00 UTC on the 26th): a new claim in district 1 and one in district 2.
        _desk.Clock.Advance(TimeSpan.FromHours(4));
        _tax = (await _desk.SendAs("member@demo.local", new SubmitReport { Text = CaseDesk.OtherClaim })).CaseId;
        _elsewhere = (await _desk.SendAs("member.d2@demo.local", new SubmitReport { Url = "https://www.tiktok.com/@tin/video/123", Text = "Tin đồn: xã Yên Thế sắp bị giải tỏa toàn bộ để làm sân golf" })).CaseId;
        // Now: 27 Nov, 06:00 Hanoi.
        _desk.Clock.Advance(TimeSpan.FromHours(5));
        await _desk.Services.GetRequiredService<DailyReportCounts>().CatchUpAsync();
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private Task<DeskStats> Stats(string email, long? unit = null, DateOnly? from = null, DateOnly? to = null) =>
        _desk.SendAs(email, new GetStats { From = from ?? Nov26, To = to ?? Nov27, UnitId = unit });

    [Fact]
    public async Task Reports_are_counted_per_local_day_and_platform_within_the_units_subtree()
    {
        var district = await Stats(Coordinator, await _desk.UnitId("D1"));

        Assert.Equal(
            [new DailyReports(Nov26, "facebook", 1, 1), new DailyReports(Nov26, "other", 1, 0), new DailyReports(Nov27, "other", 1, 1)],
            district.ReportsPerDay);
        var province = await Stats(Coordinator);
        Assert.Equal("P", province.Unit.Code);
        Assert.Contains(new DailyReports(Nov27, "tiktok", 1, 1), province.ReportsPerDay);
        Assert.Equal(3, province.ReportsPerDay.Sum(d => d.NewCases));
        Assert.Equal(4, province.ReportsPerDay.Sum(d => d.Reports));
        Assert.Empty((await Stats(Coordinator, from: Nov27.AddDays(1), to: Nov27.AddDays(2))).ReportsPerDay);
    }

    [Fact]
    public async Task Counting_again_adds_only_reports_filed_since()
    {
        var counts = _desk.Services.GetRequiredService<DailyReportCounts>();
        Assert.Equal(0, await counts.CatchUpAsync());
        await _desk.SendAs("member@demo.local", new SubmitReport { Text = "Tin đồn: từ tháng sau mỗi hộ phải nộp 2 triệu đồng phí môi trường" });
        Assert.Equal(1, await counts.CatchUpAsync());

        Assert.Equal(2, (await Stats(Coordinator, await _desk.UnitId("D1"))).ReportsPerDay.Single(d => d.Day == Nov27).Reports);
    }

    [Fact]
    public async Task Cases_are_counted_by_classification_unclassified_ones_included()
    {
        var district = await Stats(Coordinator, await _desk.UnitId("D1"));

        Assert.Equal([new ClassificationCount("health", "false", 1), new ClassificationCount(null, null, 1)], district.CasesByClassification);
    }

    [Fact]
    public async Task Each_child_unit_shows_its_reports_open_cases_and_oldest_waiting_case()
    {
        var district = await Stats(Coordinator, await _desk.UnitId("D1"));

        var owners = await _desk.Scalar<string>("SELECT string_agg(o.code, ',') FROM cases c JOIN org_units o ON o.id = c.owner_unit_id WHERE c.id IN (@_lemon, @_tax)", new { _lemon, _tax });
        var c1 = district.ByUnit.Single(u => u.Unit.Code == "D1-C1");
        var c2 = district.ByUnit.Single(u => u.Unit.Code == "D1-C2");
        Assert.Equal(2, c1.Reports);
        Assert.Equal(1, c2.Reports);
        Assert.Equal(2, district.ByUnit.Sum(u => u.OpenCases));
        Assert.Equal(owners.Split(',').Count(o => o == "D1-C1"), c1.OpenCases);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero), district.ByUnit.Where(u => u.OldestWaiting is not null).Min(u => u.OldestWaiting));
        Assert.All(district.ByUnit, u => Assert.StartsWith("D1", u.Unit.Code, StringComparison.Ordinal));
        // The rows add up to the district: its own (escalated, say) cases have a row of their own.
        Assert.Equal(owners.Split(',').Count(o => o == "D1"), district.ByUnit.SingleOrDefault(u => u.Direct)?.OpenCases ?? 0);
        var province = await Stats(Coordinator);
        Assert.Equal(1, province.ByUnit.Single(u => u.Unit.Code == "D2").OpenCases);
        Assert.True(province.ByUnit.Single(u => u.Unit.Code == "D2").HasChildren);
    }

    [Fact]
    public async Task Triage_and_first_answer_times_and_the_backlog_are_measured_from_the_first_report()
    {
        var district = await Stats(Coordinator, await _desk.UnitId("D1"));

        Assert.Equal(new Durations(1, 2, 2), district.TimeToTriage);
        Assert.Equal(new Durations(1, 6, 6), district.TimeToFirstResponse);
        // Now is 27 Nov 06:00 Hanoi: the lemon case (answered, still open) is 15 hours old, the tax case 5.
        Assert.Equal([2, 0, 0, 0], district.Backlog.Select(b => b.Cases));
        _desk.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal([0, 2, 0, 0], (await Stats(Coordinator, await _desk.UnitId("D1"))).Backlog.Select(b => b.Cases));
    }

    [Fact]
    public async Task Workload_and_the_largest_cases_are_listed()
    {
        var province = await Stats(Coordinator);

        var load = Assert.Single(province.Workload);
        Assert.Equal(("responder@demo.local", 1), (load.Responder.Email, load.OpenCases));
        Assert.Equal(_lemon, province.Clusters[0].CaseId);
        Assert.Equal(2, province.Clusters[0].Reports);
        Assert.Equal(3, province.Clusters.Count);
    }

    [Fact]
    public void Median_and_p90_are_times_some_case_really_took()
    {
        var start = "2026-11-26T00:00:00.0000000+00:00";
        var rows = Enumerable.Range(1, 10).Select(h => (start, new DateTimeOffset(2026, 11, 26, h, 0, 0, TimeSpan.Zero).ToString("O")));

        Assert.Equal(new Durations(10, 5, 9), GetStatsHandler.Summarise(rows));
        Assert.Equal(new Durations(0, null, null), GetStatsHandler.Summarise([]));
    }

    [Fact]
    public async Task A_district_coordinator_sees_only_their_subtree_and_other_roles_none()
    {
        var own = await Stats("coordinator.d1@demo.local");
        Assert.Equal("D1", own.Unit.Code);
        Assert.DoesNotContain(own.ReportsPerDay, d => d.Platform == "tiktok");

        var d2 = await _desk.UnitId("D2");
        await Assert.ThrowsAsync<NotFoundException>(() => Stats("coordinator.d1@demo.local", d2));
        await Assert.ThrowsAsync<ForbiddenException>(() => Stats("reviewer@demo.local"));
        await Assert.ThrowsAsync<ForbiddenException>(() => Stats("member@demo.local"));
        Assert.Equal("P", (await Stats("admin@demo.local")).Unit.Code);
    }

    [Fact]
    public async Task A_range_that_ends_before_it_starts_or_spans_over_a_year_is_refused()
    {
        var backwards = await Assert.ThrowsAsync<ValidationFailedException>(() => Stats(Coordinator, from: Nov27, to: Nov26));
        Assert.True(backwards.Errors.ContainsKey("from"));
        var long_ = await Assert.ThrowsAsync<ValidationFailedException>(() => Stats(Coordinator, from: Nov27.AddDays(-400), to: Nov27));
        Assert.True(long_.Errors.ContainsKey("to"));
    }
}

internal static class CaseDeskText
{
    public const string Lemon = "Khẩn cấp: uống nước chanh nóng mỗi sáng sẽ chữa khỏi ung thư giai đoạn cuối, bác sĩ bệnh viện K đã xác nhận!";
}
