using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Triage.Server.Data;
using Triage.Tests.Exports;
using Triage.Tests.Support;
using static Triage.Tests.Security.HostilePayloads;

namespace Triage.Tests.Security;

/// <summary>
/// Hostile text through every free-text field of the API comes back as the same characters in a JSON string,
/// and the JSON itself never carries a raw '&lt;' that a careless client could paste into a page as markup.
/// </summary>
public sealed class HostileInputApiTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    private async Task<T> Scalar<T>(string sql, object? args = null)
    {
        await using var connection = await desk.Services.GetRequiredService<Db>().OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<T>(connection, sql, args) ?? throw new InvalidOperationException("No value.");
    }

    /// <summary>
    /// Reads an answer as JSON. The API's JSON keeps '&lt;' unescaped (ASP.NET Core's relaxed encoder), which is safe
    /// only because no browser may read it as anything but JSON: the type says so and nosniff forbids guessing.
    /// </summary>
    private static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        var raw = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {raw}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        return JsonDocument.Parse(raw).RootElement;
    }

    private static async Task<JsonElement> Get(HttpClient client, string path) => await Read(await client.GetAsync(path));

    private async Task<long> FileReport(string? text, string? note = null, string? url = null)
    {
        var member = await desk.BearerClient("member@demo.local");
        var created = await Read(await member.PostAsJsonAsync("/api/v1/reports", new { text, note, url }));
        return created.GetProperty("caseId").GetInt64();
    }

    [Fact]
    public async Task A_report_text_note_and_url_come_back_verbatim_to_the_reporter_and_the_reviewer()
    {
        var url = "https://www.facebook.com/groups/123/posts/456?ref=" + Uri.EscapeDataString(Svg + Script);
        var caseId = await FileReport(Text + " #report", Text);
        var urlOnly = await FileReport(text: null, url: url);
        var reviewer = await desk.BearerClient("reviewer@demo.local");

        var detail = HostilePayloads.Strings(await Get(reviewer, $"/api/v1/cases/{caseId}"));
        var mine = HostilePayloads.Strings(await Get(await desk.BearerClient("member@demo.local"), "/api/v1/reports/mine"));
        var byUrl = HostilePayloads.Strings(await Get(reviewer, $"/api/v1/cases/{urlOnly}"));

        Assert.Contains(Text + " #report", detail);
        Assert.Contains(Text, detail);
        Assert.Contains(Text + " #report", mine);
        // Without text, the case's title falls back to the address as pasted.
        Assert.Contains(url, byUrl);
        Assert.Equal(Text + " #report", await Scalar<string>("SELECT text FROM reports WHERE case_id = @caseId ORDER BY id DESC LIMIT 1", new { caseId }));
    }

    [Fact]
    public async Task A_script_url_is_refused_as_a_report_address_so_no_page_can_link_to_it()
    {
        var member = await desk.BearerClient("member@demo.local");

        var response = await member.PostAsJsonAsync("/api/v1/reports", new { url = JavaScriptUrl, text = "Bài đăng" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("url", out _));
    }

    [Fact]
    public async Task Comments_classification_notes_and_counter_messages_come_back_verbatim()
    {
        var caseId = await FileReport(Text + " #work");
        var reviewer = await desk.BearerClient("reviewer@demo.local");

        await Read(await reviewer.PostAsJsonAsync($"/api/v1/cases/{caseId}/comments", new { text = Text }));
        var current = await reviewer.GetAsync($"/api/v1/cases/{caseId}");
        var classify = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/classification")
        {
            Content = JsonContent.Create(new { verdict = "false", category = "health", severity = 2, note = Text }),
        };
        classify.Headers.IfMatch.Add(current.Headers.ETag!);
        var classified = await reviewer.SendAsync(classify);
        await Read(classified);
        var assign = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/assignment")
        {
            Content = JsonContent.Create(new { responderEmail = "responder@demo.local" }),
        };
        assign.Headers.IfMatch.Add(classified.Headers.ETag!);
        await Read(await reviewer.SendAsync(assign));
        var responder = await desk.BearerClient("responder@demo.local");
        await Read(await responder.PostAsJsonAsync($"/api/v1/cases/{caseId}/responses",
            new { kind = "debunk", channel = "facebook", language = "vi", text = Text, fact = Text, myth = Text }));

        // Published at once: its ClaimReview JSON-LD is made to be pasted into a page inside <script>, so it must escape markup.
        await Read(await responder.PostAsJsonAsync($"/api/v1/cases/{caseId}/responses", new
        {
            kind = "debunk", channel = "facebook", language = "vi", text = Text, fact = Text, myth = Text,
            publishedUrl = "https://example.org/su-that", publishedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        }));
        var claimReview = await reviewer.GetAsync($"/api/v1/cases/{caseId}/claimreview");
        var claimReviewText = await claimReview.Content.ReadAsStringAsync();
        Assert.True(claimReview.IsSuccessStatusCode, claimReviewText);
        Assert.DoesNotContain("<", claimReviewText, StringComparison.Ordinal);
        Assert.Contains(HostilePayloads.Strings(JsonDocument.Parse(claimReviewText).RootElement), s => s.StartsWith(Img + " " + Svg, StringComparison.Ordinal));

        var activity = HostilePayloads.Strings(await Get(reviewer, $"/api/v1/cases/{caseId}/activity"));
        var detail = await Get(reviewer, $"/api/v1/cases/{caseId}");
        var responses = await Get(reviewer, $"/api/v1/cases/{caseId}/responses");

        Assert.Contains(Text, activity);
        Assert.Equal(Text, detail.GetProperty("classificationNote").GetString());
        Assert.Equal(6, HostilePayloads.Strings(responses).Count(s => s == Text));
    }

    [Fact]
    public async Task Unit_and_user_names_come_back_verbatim_whether_typed_or_imported_from_csv()
    {
        var admin = await desk.BearerClient("admin@demo.local");
        var d1 = await Scalar<long>("SELECT id FROM org_units WHERE code = 'D1'");

        var unit = await Read(await admin.PostAsJsonAsync("/api/v1/units", new { parentId = d1, code = "HOSTILE-1", name = Name }));
        await Read(await admin.PostAsJsonAsync("/api/v1/users",
            new { email = "hostile-typed@example.org", name = Name, roles = new[] { "member" }, unitId = d1 }));
        var csv = "email,name,unit\nhostile-imported@example.org," + Quote(Name) + ",D1-C1\n";
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var imported = await Read(await (await desk.BearerClient("coordinator@demo.local"))
            .PostAsync("/api/v1/imports/users", new MultipartFormDataContent { { file, "file", "users.csv" } }));

        Assert.Equal(1, imported.GetProperty("created").GetInt32());
        Assert.Equal(Name, (await Get(admin, $"/api/v1/units/{unit.GetProperty("id").GetInt64()}")).GetProperty("name").GetString());
        Assert.Contains(Name, HostilePayloads.Strings(await Get(admin, "/api/v1/units")));
        Assert.Contains(Name, HostilePayloads.Strings(await Get(admin, "/api/v1/users?q=hostile-typed")));
        Assert.Contains(Name, HostilePayloads.Strings(await Get(admin, "/api/v1/users?q=hostile-imported")));
    }

    [Fact]
    public async Task A_report_imported_from_csv_keeps_its_hostile_text_verbatim()
    {
        var csv = "text,note\n" + Quote(Text + " #imported") + "," + Quote(Text) + "\n";
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var coordinator = await desk.BearerClient("coordinator@demo.local");

        // Into the member's commune, so a case it joins stays where the district's reviewer works on it.
        var commune = await Scalar<long>("SELECT id FROM org_units WHERE code = 'D1-C1'");
        var form = new MultipartFormDataContent { { file, "file", "reports.csv" }, { new StringContent(commune.ToString(CultureInfo.InvariantCulture)), "unitId" } };

        var result = await Read(await coordinator.PostAsync("/api/v1/imports/reports", form));

        Assert.Equal(1, result.GetProperty("created").GetInt32() + result.GetProperty("merged").GetInt32());
        var caseId = await Scalar<long>("SELECT case_id FROM reports WHERE text = @text", new { text = Text + " #imported" });
        var detail = HostilePayloads.Strings(await Get(await desk.BearerClient("admin@demo.local"), $"/api/v1/cases/{caseId}"));
        Assert.Contains(Text + " #imported", detail);
        Assert.Contains(Text, detail);
    }

    [Fact]
    public async Task Exports_carry_hostile_text_as_text_and_defuse_what_a_spreadsheet_would_run()
    {
        var formulaCase = await FileReport(FormulaFirst);
        var markupCase = await FileReport(Text + " #export");
        var coordinator = await desk.BearerClient("coordinator@demo.local");

        var reports = ExportDesk.Parse(await (await coordinator.GetAsync("/api/v1/exports/reports.csv?from=2020-01-01&to=2030-12-31")).Content.ReadAsByteArrayAsync()).Rows;
        var cases = ExportDesk.Parse(await (await coordinator.GetAsync("/api/v1/exports/cases.csv?from=2020-01-01&to=2030-12-31")).Content.ReadAsByteArrayAsync()).Rows;

        string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
        // A leading ' makes a spreadsheet show the cell as text; the characters after it are untouched.
        Assert.Contains(reports, r => r["case_id"] == Id(formulaCase) && r["text"] == "'" + FormulaFirst);
        Assert.StartsWith("'" + Formula + " <script", Assert.Single(cases, c => c["id"] == Id(formulaCase))["title"], StringComparison.Ordinal);
        Assert.Contains(reports, r => r["case_id"] == Id(markupCase) && r["text"] == Text + " #export");
    }

    private static string Quote(string field) => "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
