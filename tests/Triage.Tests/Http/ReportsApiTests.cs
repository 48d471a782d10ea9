using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Triage.Tests.Support;

namespace Triage.Tests.Http;

public sealed class ReportsApiTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    private Task<HttpClient> Bearer(string email) => desk.BearerClient(email);

    private static MultipartFormDataContent Multipart(string? text, params (string Name, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent();
        if (text is not null) content.Add(new StringContent(text), "text");
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            content.Add(file, "screenshots", name);
        }
        return content;
    }

    [Fact]
    public async Task A_json_report_answers_201_with_report_case_and_match()
    {
        var member = await Bearer("member@demo.local");

        var response = await member.PostAsJsonAsync("/api/v1/reports", new { url = "https://tuoitre.vn/bai-viet-1.htm", platform = "web", category = "health" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Json<JsonElement>();
        Assert.True(body.GetProperty("reportId").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("matchedBy").ValueKind);
        Assert.Equal($"/api/v1/cases/{body.GetProperty("caseId").GetInt64()}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_multipart_report_with_a_screenshot_is_filed_and_the_image_served_with_nosniff()
    {
        var member = await Bearer("member@demo.local");

        var response = await member.PostAsync("/api/v1/reports", Multipart("Ảnh chụp bài đăng sai sự thật", ("shot.png", TestImages.Png(3, 3))));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var mine = await (await member.GetAsync("/api/v1/reports/mine")).Json<JsonElement>();
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), r => r.GetProperty("status").GetString() == "new");
        var created = await response.Json<JsonElement>();
        var reviewer = await Bearer("reviewer@demo.local");
        var shas = desk.Services.GetRequiredService<Triage.Server.Data.Db>();
        await using var connection = await shas.OpenAsync();
        var sha = await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection,
            "SELECT sha256 FROM report_evidence WHERE report_id = @id", new { id = created.GetProperty("reportId").GetInt64() });

        var image = await reviewer.GetAsync($"/api/v1/evidence/{sha}");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await (await Bearer("reviewer2@demo.local")).GetAsync($"/api/v1/evidence/{sha}")).StatusCode);
    }

    [Theory]
    [InlineData("..%2F..%2Fkeys%2Fexport-pseudonyms.key")]
    [InlineData("..%2F..%2Ftriage.db")]
    [InlineData("%2E%2E%5C%2E%2E%5Ctriage.db")]
    [InlineData("....................................................triage.db")]
    public async Task An_evidence_name_that_is_not_a_sha256_is_refused_and_never_read_from_disk(string name)
    {
        var reviewer = await Bearer("reviewer@demo.local");

        var response = await reviewer.GetAsync($"/api/v1/evidence/{name}");

        // Not found for a reader who holds no such screenshot (the scope check comes first), else a field problem: never a file.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.BadRequest });
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("SQLite format", body);
        Assert.True(body.Length < 2048, body);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_answer()
    {
        var member = await Bearer("member@demo.local");
        HttpRequestMessage Post() => new(HttpMethod.Post, "/api/v1/reports")
        {
            Content = JsonContent.Create(new { text = "Tin đồn phát tiền hỗ trợ qua Zalo, bấm vào link để nhận ngay 5 triệu đồng" }),
            Headers = { { "Idempotency-Key", "form-7f3a" } },
        };

        var first = await (await member.SendAsync(Post())).Json<JsonElement>();
        var second = await member.SendAsync(Post());

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.GetProperty("reportId").GetInt64(), (await second.Json<JsonElement>()).GetProperty("reportId").GetInt64());
    }

    [Fact]
    public async Task A_screenshot_over_five_megabytes_answers_413()
    {
        var member = await Bearer("member@demo.local");
        var huge = new byte[5 * 1024 * 1024 + 1];
        TestImages.Png().CopyTo(huge, 0);

        var response = await member.PostAsync("/api/v1/reports", Multipart("x", ("huge.png", huge)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_fields_answer_a_validation_problem_naming_each_field()
    {
        var member = await Bearer("member@demo.local");

        var response = await member.PostAsJsonAsync("/api/v1/reports", new { url = "javascript:alert(1)", category = "nope", platform = "myspace" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("url", out _));
        Assert.True(errors.TryGetProperty("platform", out _));
    }

    [Fact]
    public async Task Malformed_json_answers_a_clear_400()
    {
        var member = await Bearer("member@demo.local");

        var response = await member.PostAsync("/api/v1/reports", new StringContent("{\"url\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_openapi_document_names_the_field_limits()
    {
        var doc = await desk.NewClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"maxLength\": 5000", doc);
        Assert.Contains("\"maxLength\": 2048", doc);
    }

    [Fact]
    public async Task Similar_cases_answer_items_for_the_caller()
    {
        var member = await Bearer("member@demo.local");
        await member.PostAsJsonAsync("/api/v1/reports", new { text = "Nước muối sinh lý súc miệng diệt được virus cúm mới trong 5 phút" });
        var reviewer = await Bearer("reviewer@demo.local");

        var similar = await (await reviewer.GetAsync("/api/v1/cases/similar?text=" + Uri.EscapeDataString("nuoc muoi diet virus cum") + "&limit=5")).Json<JsonElement>();

        var first = similar.GetProperty("items")[0];
        Assert.True(first.GetProperty("caseId").GetInt64() > 0);
        Assert.True(first.GetProperty("score").GetDouble() > 0);
    }
}

public sealed class ReportRateLimitTests : IAsyncLifetime
{
    private sealed class StrictDesk : DeskFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Triage:RateLimits:ReportsPerMinute"] = "3" };
    }

    private readonly StrictDesk _desk = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _desk.DisposeAsync();

    [Fact]
    public async Task Reports_beyond_the_per_user_limit_answer_429_with_retry_after_and_others_go_on()
    {
        var member = await _desk.SignedInClient("member@demo.local");
        var af = await (await member.GetAsync("/api/v1/antiforgery")).Json<JsonElement>();
        HttpRequestMessage Post(int i)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = JsonContent.Create(new { url = $"https://vnexpress.net/{i}.html" }) };
            request.Headers.Add(af.GetProperty("headerName").GetString()!, af.GetProperty("token").GetString());
            return request;
        }
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Created, (await member.SendAsync(Post(i))).StatusCode);

        var limited = await member.SendAsync(Post(3));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var admin = await _desk.SignedInClient("admin@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/reports/mine")).StatusCode);
    }
}
