using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Triage.Tests.Support;

namespace Triage.Tests.Http;

/// <summary>The zone a reader picks reaches every page they open, from the first (prerendered) render on.</summary>
public sealed class ReaderTimeHttpTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public async Task My_reports_show_when_a_report_was_sent_in_the_readers_own_zone()
    {
        var api = await desk.BearerClient("member@demo.local");
        (await api.PostAsJsonAsync("/api/v1/reports", new { text = "Tin đồn kiểm tra múi giờ: vắc-xin có chip theo dõi" })).EnsureSuccessStatusCode();
        var sentAt = (await api.GetFromJsonAsync<JsonElement>("/api/v1/reports/mine")).GetProperty("items")[0].GetProperty("submittedAt").GetDateTimeOffset();
        var page = await desk.SignedInClient("member@demo.local");

        var inDeskZone = Shown(sentAt, "Asia/Ho_Chi_Minh");
        var inNewYork = Shown(sentAt, "America/New_York");
        Assert.Contains(inDeskZone, await MyReports(page), StringComparison.Ordinal);

        (await api.PutAsJsonAsync("/api/v1/me/preferences/time-zone", new { timeZone = "America/New_York" })).EnsureSuccessStatusCode();
        var html = await MyReports(page);
        Assert.Contains(inNewYork, html, StringComparison.Ordinal);
        Assert.DoesNotContain(inDeskZone, html, StringComparison.Ordinal);

        (await api.PutAsJsonAsync("/api/v1/me/preferences/time-zone", new { timeZone = (string?)null })).EnsureSuccessStatusCode();
        Assert.Contains(inDeskZone, await MyReports(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_zone_is_refused_with_a_field_error()
    {
        var api = await desk.BearerClient("reviewer@demo.local");

        var response = await api.PutAsJsonAsync("/api/v1/me/preferences/time-zone", new { timeZone = "Mars/Olympus_Mons" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.Equals("timeZone", StringComparison.OrdinalIgnoreCase));
    }

    private static string Shown(DateTimeOffset moment, string zone) =>
        TimeZoneInfo.ConvertTime(moment, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("g", Vietnamese);

    private static async Task<string> MyReports(HttpClient page) =>
        WebUtility.HtmlDecode(await page.GetStringAsync("/reports/mine"));
}
