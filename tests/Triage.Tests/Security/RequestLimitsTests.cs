using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Triage.Server.Api;
using Triage.Tests.Support;

namespace Triage.Tests.Security;

/// <summary>
/// What the desk does with bodies, URLs and images built to hurt it, over a real Kestrel: every refusal is
/// a 4xx with problem details that says what was wrong, never a 500 and never a server that tried its best.
/// </summary>
public sealed class RequestLimitsTests(KestrelDesk kestrel) : IClassFixture<KestrelDesk>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent JsonBytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private async Task<long> NewCase()
    {
        var member = await kestrel.Bearer("member@demo.local");
        var created = await (await member.PostAsync("/api/v1/reports",
            Json("""{"text":"Tin giả về giá xăng tăng gấp đôi từ ngày mai, ai cũng phải đổ đầy bình ngay hôm nay"}"""))).Json<JsonElement>();
        return created.GetProperty("caseId").GetInt64();
    }

    private Task<long> CommentCount(long caseId) =>
        kestrel.Scalar<long>("SELECT count(*) FROM case_comments WHERE case_id = @caseId", new { caseId });

    /// <summary>
    /// Kestrel refuses an oversized body by its Content-Length before reading it; without 100-continue the client would
    /// still be sending the body when the answer and the closed connection arrive, and would report a broken pipe
    /// instead of the 413 (CI saw it for the 1 MB JSON body too).
    /// </summary>
    private static async Task<HttpResponseMessage> PostExpectingContinue(HttpClient client, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.ExpectContinue = true;
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }

    [Fact]
    public async Task A_json_body_over_the_api_limit_answers_413_problem_details_on_every_kind_of_route()
    {
        var caseId = await NewCase();
        var reviewer = await kestrel.Bearer("reviewer@demo.local");
        var member = await kestrel.Bearer("member@demo.local");
        var huge = JsonSerializer.Serialize(new { text = new string('a', (int)ApiLimits.MaxJsonBody + 1) });
        var comments = await CommentCount(caseId);

        // A route whose body is bound by the framework, and the report route that reads JSON itself.
        var comment = await PostExpectingContinue(reviewer, $"/api/v1/cases/{caseId}/comments", Json(huge));
        var report = await PostExpectingContinue(member, "/api/v1/reports", Json(huge));

        Assert.Contains("too large", (await Problem(comment, HttpStatusCode.RequestEntityTooLarge)).GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        await Problem(report, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(comments, await CommentCount(caseId));
    }

    [Fact]
    public async Task A_json_body_under_the_limit_is_still_read()
    {
        var caseId = await NewCase();
        var reviewer = await kestrel.Bearer("reviewer@demo.local");

        var comment = await reviewer.PostAsync($"/api/v1/cases/{caseId}/comments", Json(JsonSerializer.Serialize(new { text = new string('b', 4000) })));

        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
    }

    [Fact]
    public async Task A_multipart_report_keeps_its_own_larger_limit()
    {
        var member = await kestrel.Bearer("member@demo.local");
        // A real PNG of about 2 MB: a text chunk that the sanitizer strips, so the report is filed.
        var shot = TestImages.Png(secret: new string('x', 2 * 1024 * 1024));
        using var form = new MultipartFormDataContent { { new StringContent("Ảnh chụp màn hình bài đăng"), "text" } };
        var file = new ByteArrayContent(shot);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "screenshots", "shot.png");

        var response = await member.PostAsync("/api/v1/reports", form);

        Assert.True(shot.Length > ApiLimits.MaxJsonBody);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static TheoryData<string, string, long> Uploads() => new()
    {
        { "member@demo.local", "/api/v1/reports", Triage.Server.Reports.ReportsApi.MaxBody },
        { "coordinator@demo.local", "/api/v1/imports/reports", Triage.Server.Imports.ImportsApi.MaxBody },
        { "coordinator@demo.local", "/api/v1/imports/users", Triage.Client.Onboarding.UserImportFile.MaxBytes + 1024 * 1024 },
        { "admin@demo.local", "/api/v1/disarm/techniques/import", Triage.Client.Taxonomy.DisarmImportRules.MaxBytes + 64 * 1024 },
    };

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task A_multipart_body_over_its_routes_own_limit_answers_413_problem_details(string email, string path, long limit)
    {
        var client = await kestrel.Bearer(email);
        var file = new ByteArrayContent(new byte[limit]);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var form = new MultipartFormDataContent { { file, path.EndsWith("reports", StringComparison.Ordinal) && email.StartsWith("member", StringComparison.Ordinal) ? "screenshots" : "file", "big.bin" } };

        var response = await PostExpectingContinue(client, path, form);

        await Problem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Malformed_utf8_in_a_json_body_answers_400_naming_the_body_not_500()
    {
        var caseId = await NewCase();
        var reviewer = await kestrel.Bearer("reviewer@demo.local");
        var member = await kestrel.Bearer("member@demo.local");
        // 0xC3 opens a two-byte sequence that 0x28 ('(') cannot continue.
        byte[] body = [.. "{\"text\":\"a"u8, 0xC3, 0x28, .. "b\"}"u8];
        var comments = await CommentCount(caseId);

        var comment = await reviewer.PostAsync($"/api/v1/cases/{caseId}/comments", JsonBytes(body));
        var report = await member.PostAsync("/api/v1/reports", JsonBytes(body));

        Assert.Contains("body", (await Problem(comment, HttpStatusCode.BadRequest)).GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("JSON", (await Problem(report, HttpStatusCode.BadRequest)).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(comments, await CommentCount(caseId));
    }

    [Fact]
    public async Task Malformed_utf8_in_a_multipart_report_field_is_stored_as_replacement_characters_or_refused_never_500()
    {
        var member = await kestrel.Bearer("member@demo.local");
        using var form = new MultipartFormDataContent();
        var text = new ByteArrayContent([.. "Bài viết "u8, 0xC3, 0x28, 0xFF, .. " sai sự thật"u8]);
        text.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        form.Add(text, "text");

        var response = await member.PostAsync("/api/v1/reports", form);

        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Created)
        {
            var reportId = (await response.Json<JsonElement>()).GetProperty("reportId").GetInt64();
            var stored = await kestrel.Scalar<string>("SELECT text FROM reports WHERE id = @reportId", new { reportId });
            Assert.Contains('\uFFFD', stored);
        }
    }

    [Fact]
    public async Task Csv_imports_with_malformed_utf8_answer_row_errors_or_a_problem_never_500()
    {
        var coordinator = await kestrel.Bearer("coordinator@demo.local");
        MultipartFormDataContent Csv(byte[] bytes)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            return new MultipartFormDataContent { { file, "file", "bad.csv" } };
        }

        var reports = await coordinator.PostAsync("/api/v1/imports/reports?dryRun=true", Csv([.. "text\nTin "u8, 0xC3, 0x28, 0xFF, .. " sai\n"u8]));
        var users = await coordinator.PostAsync("/api/v1/imports/users?dryRun=true", Csv([.. "email,name,unit\nx@example.org,Lan "u8, 0xC3, 0x28, .. ",D1-C1\n"u8]));
        static ByteArrayContent Broken() => new("--x\r\nnot a multipart body"u8.ToArray())
        {
            Headers = { ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x") },
        };
        var brokenImport = await coordinator.PostAsync("/api/v1/imports/reports", Broken());
        var brokenReport = await (await kestrel.Bearer("member@demo.local")).PostAsync("/api/v1/reports", Broken());

        foreach (var response in new[] { reports, users })
            Assert.True((int)response.StatusCode is 200 or 400, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        // A multipart body that does not parse used to escape as an unhandled InvalidDataException, a 500.
        Assert.Contains("form", (await Problem(brokenImport, HttpStatusCode.BadRequest)).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("form", (await Problem(brokenReport, HttpStatusCode.BadRequest)).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_url_of_ten_thousand_characters_answers_a_field_error_on_url()
    {
        var member = await kestrel.Bearer("member@demo.local");
        var url = "https://www.facebook.com/posts/" + new string('9', 10_000);

        var response = await member.PostAsJsonAsync("/api/v1/reports", new { url, text = "Bài đăng có đường dẫn rất dài" });

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), problem.ToString());
    }

    [Fact]
    public async Task A_request_line_of_ten_thousand_characters_answers_a_client_error_not_500()
    {
        var reviewer = await kestrel.Bearer("reviewer@demo.local");

        var longPath = await reviewer.GetAsync("/api/v1/cases/" + new string('1', 10_000));
        var longQuery = await reviewer.GetAsync("/api/v1/cases/similar?text=" + new string('x', 10_000));
        // Under Kestrel's request-line limit, so the desk itself has to answer it.
        var nearLimit = await reviewer.GetAsync("/api/v1/cases/similar?text=" + new string('x', 7_000));
        var nearLimitPath = await reviewer.GetAsync("/api/v1/cases/" + new string('1', 7_000));

        foreach (var response in new[] { longPath, longQuery, nearLimitPath })
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{response.RequestMessage!.RequestUri!.AbsolutePath[..20]}: {(int)response.StatusCode}");
        Assert.True((int)nearLimit.StatusCode is 200 or (>= 400 and < 500), $"{(int)nearLimit.StatusCode}");
    }

    [Fact]
    public async Task A_gzip_bomb_is_never_inflated_the_desk_reads_it_as_the_opaque_bytes_it_is()
    {
        var member = await kestrel.Bearer("member@demo.local");
        // 64 MB of a JSON string's worth of zeros, compressed to well under 100 KB.
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write("{\"text\":\""u8);
            var zeros = Encoding.ASCII.GetBytes(new string('0', 1024 * 1024));
            for (var i = 0; i < 64; i++) gzip.Write(zeros);
            gzip.Write("\"}"u8);
        }
        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        var response = await member.PostAsync("/api/v1/reports", content);

        Assert.True(compressed.Length < 200 * 1024);
        // No request decompression: the gzip bytes are not JSON, so the body is refused as unreadable.
        Assert.Contains("JSON", (await Problem(response, HttpStatusCode.BadRequest)).GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> PixelBombs() => ["png", "jpeg", "webp"];

    [Theory]
    [MemberData(nameof(PixelBombs))]
    public async Task An_upload_declaring_absurd_dimensions_in_a_tiny_file_is_refused_with_a_field_error(string format)
    {
        var member = await kestrel.Bearer("member@demo.local");
        var (bytes, type) = format switch
        {
            "png" => (HostileImages.Png(), "image/png"),
            "jpeg" => (HostileImages.Jpeg(), "image/jpeg"),
            _ => (HostileImages.WebP(), "image/webp"),
        };
        var text = $"Ảnh chụp {format} khai man kích thước";
        using var form = new MultipartFormDataContent { { new StringContent(text), "text" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "screenshots", "bomb." + format);

        var response = await member.PostAsync("/api/v1/reports", form);

        Assert.True(bytes.Length < 200, $"{bytes.Length} bytes");
        var problem = await Problem(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("screenshots", out var messages), problem.ToString());
        Assert.Single(messages.EnumerateArray());
        Assert.Equal(0, await kestrel.Scalar<long>("SELECT count(*) FROM reports WHERE text = @text", new { text }));
    }
}
