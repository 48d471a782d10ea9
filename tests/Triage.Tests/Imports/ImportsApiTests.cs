using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Triage.Client.Imports;
using Triage.Tests.Support;

namespace Triage.Tests.Imports;

/// <summary>POST /api/v1/imports/reports as a script sends it: multipart with the CSV in the field 'file'.</summary>
public sealed class ImportsApiTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    private static MultipartFormDataContent Form(byte[] csv, params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "phan-anh.csv");
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        return content;
    }

    private const string Sheet = """
        Liên kết,Nội dung,Nền tảng
        https://www.facebook.com/groups/123/posts/9001,Tin đồn sắp đổi tiền mới,Facebook
        https://www.facebook.com/groups/123/posts/9001/?mibextid=xyz,,
        javascript:alert(1),,
        """;

    [Fact]
    public async Task A_dry_run_answers_rows_created_and_merged_and_the_commit_the_same()
    {
        var coordinator = await desk.BearerClient("coordinator@demo.local");

        var dry = await coordinator.PostAsync("/api/v1/imports/reports?dryRun=true", Form(ImportDesk.Csv(Sheet)));
        var body = await dry.Json<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        Assert.Equal(["rows", "created", "merged"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["line", "ok", "errors"], body.GetProperty("rows")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal((1, 1), (body.GetProperty("created").GetInt32(), body.GetProperty("merged").GetInt32()));
        var bad = body.GetProperty("rows")[2];
        Assert.Equal((4, false), (bad.GetProperty("line").GetInt32(), bad.GetProperty("ok").GetBoolean()));
        Assert.Contains("Liên kết: ", bad.GetProperty("errors")[0].GetString()); // the desk answers in its default language, vi or en

        var committed = await (await coordinator.PostAsync("/api/v1/imports/reports", Form(ImportDesk.Csv(Sheet)))).Json<JsonElement>();
        Assert.Equal(body.GetRawText(), committed.GetRawText());
        var again = await (await coordinator.PostAsync("/api/v1/imports/reports?dryRun=true", Form(ImportDesk.Csv(Sheet)))).Json<JsonElement>();
        Assert.Equal((0, 2), (again.GetProperty("created").GetInt32(), again.GetProperty("merged").GetInt32()));
    }

    [Fact]
    public async Task Mapped_columns_and_the_unit_come_as_form_fields()
    {
        var coordinator = await desk.BearerClient("coordinator@demo.local");
        var units = await (await coordinator.GetAsync("/api/v1/units")).Json<JsonElement>();
        var d2 = units.GetProperty("items").EnumerateArray().First(u => u.GetProperty("code").GetString() == "D2").GetProperty("id").GetInt64();

        var response = await coordinator.PostAsync("/api/v1/imports/reports?dryRun=true",
            Form(ImportDesk.Csv("Tin nhắn,Ngày\nCó người nhắn tin mạo danh công an đòi nộp phạt nguội,25/11/2026 21:15"),
                ("columns[text]", "Tin nhắn"), ("columns[reportedAt]", "Ngày"), ("unitId", d2.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        var body = await response.Json<JsonElement>();
        Assert.True(body.GetProperty("rows")[0].GetProperty("ok").GetBoolean());
        Assert.Equal(1, body.GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task A_file_over_five_megabytes_answers_413_and_a_bad_file_400_keyed_file()
    {
        var coordinator = await desk.BearerClient("coordinator@demo.local");
        var huge = new byte[ImportColumns.MaxBytes + 1];
        Array.Fill(huge, (byte)'a');

        var tooBig = await coordinator.PostAsync("/api/v1/imports/reports?dryRun=true", Form(huge));
        var missing = await coordinator.PostAsync("/api/v1/imports/reports?dryRun=true", Form(ImportDesk.Csv("Họ tên\nLan")));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal("application/problem+json", tooBig.Content.Headers.ContentType?.MediaType);
        Assert.Contains("5 MB", await tooBig.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("Họ tên", problem.GetProperty("errors").GetProperty("file")[0].GetString());
    }

    [Fact]
    public async Task A_reviewer_is_refused_with_403()
    {
        var reviewer = await desk.BearerClient("reviewer@demo.local");

        var response = await reviewer.PostAsync("/api/v1/imports/reports?dryRun=true", Form(ImportDesk.Csv(Sheet)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_route_is_described_in_the_openapi_document_as_a_multipart_upload()
    {
        var openApi = await (await desk.NewClient().GetAsync("/openapi/v1.json")).Json<JsonElement>();

        var post = openApi.GetProperty("paths").GetProperty("/api/v1/imports/reports").GetProperty("post");
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        Assert.Contains("dryRun", post.GetRawText());
    }
}
