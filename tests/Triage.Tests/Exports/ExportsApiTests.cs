using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Triage.Server.Exports;
using Triage.Tests.Support;

namespace Triage.Tests.Exports;

/// <summary>The CSV downloads over /api/v1, as a browser or a script gets them.</summary>
public sealed class ExportsApiTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    [Fact]
    public async Task A_coordinator_downloads_reports_as_an_attached_utf8_csv_with_a_bom_streamed_from_the_pipeline()
    {
        var member = await desk.BearerClient("member@demo.local");
        var report = (await (await member.PostAsJsonAsync("/api/v1/reports",
            new { text = "Tin đồn: \"thuốc lá điện tử\" chữa hen suyễn, bán giá rẻ, liên hệ ngay!" })).Json<JsonElement>());

        var coordinator = await desk.SignedInClient("coordinator@demo.local");
        var response = await coordinator.GetAsync("/api/v1/exports/reports.csv", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^reports-P-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition?.FileName);
        var file = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(ExportDesk.Utf8Bom, file[..3]);
        var (header, rows) = ExportDesk.Parse(file);
        Assert.Equal(ExportCsv.ReportColumns, header);
        var row = Assert.Single(rows, r => r["id"] == report.GetProperty("reportId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Tin đồn: \"thuốc lá điện tử\" chữa hen suyễn, bán giá rẻ, liên hệ ngay!", row["text"]);
        Assert.Matches("^[0-9a-f]{64}$", row["reporter"]);

        var cases = await coordinator.GetAsync("/api/v1/exports/cases.csv?from=2020-01-01&to=2030-12-31");
        Assert.Equal(HttpStatusCode.OK, cases.StatusCode);
        Assert.Contains(ExportDesk.Parse(await cases.Content.ReadAsByteArrayAsync()).Rows,
            r => r["id"] == report.GetProperty("caseId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var size = await (await coordinator.GetAsync("/api/v1/exports/size")).Json<JsonElement>();
        Assert.Equal(rows.Count, size.GetProperty("reports").GetInt64());
    }

    [Fact]
    public async Task A_unit_outside_scope_is_404_a_reviewer_or_member_is_403_and_a_reversed_range_is_400_all_as_problem_details()
    {
        var reviewer = await desk.SignedInClient("reviewer@demo.local");
        var member = await desk.BearerClient("member@demo.local");
        var coordinator = await desk.BearerClient("coordinator@demo.local");
        var d2 = (await (await coordinator.GetAsync("/api/v1/units")).Json<JsonElement>()).GetProperty("items").EnumerateArray()
            .First(u => u.GetProperty("code").GetString() == "D2").GetProperty("id").GetInt64();

        var d1 = (await (await coordinator.GetAsync("/api/v1/units")).Json<JsonElement>()).GetProperty("items").EnumerateArray()
            .First(u => u.GetProperty("code").GetString() == "D1").GetProperty("id").GetInt64();
        var added = await (await desk.BearerClient("admin@demo.local")).PostAsJsonAsync("/api/v1/users", new
        {
            email = "coordinator-d1@demo.local", name = "Đỗ Thị Hạnh", roles = new[] { "coordinator" }, unitId = d1, password = TestDesk.DemoPassword,
        });
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        var districtCoordinator = await desk.SignedInClient("coordinator-d1@demo.local");

        var outside = await districtCoordinator.GetAsync($"/api/v1/exports/reports.csv?unit={d2}");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal("application/problem+json", outside.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await districtCoordinator.GetAsync($"/api/v1/exports/reports.csv?unit={d1}")).StatusCode);

        var refused = await reviewer.GetAsync("/api/v1/exports/reports.csv");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/exports/cases.csv")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/api/v1/exports/reports.csv?unit=987654")).StatusCode);
        var reversed = await coordinator.GetAsync("/api/v1/exports/cases.csv?from=2026-11-20&to=2026-11-01");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Equal(["to"], (await reversed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }
}
