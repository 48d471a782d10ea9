using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Users;
using Triage.Tests.Support;

namespace Triage.Tests.Reports;

public sealed class SubmitReportTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        // A second member, in district 2, for reports that cross districts.
        await _desk.SendAs("admin@demo.local", new AddUser
        {
            Email = "member2@demo.local", Name = "Đinh Thị Hoa", Roles = [Role.Member], UnitId = await _desk.UnitId("D2-C1"),
            Password = TestDesk.DemoPassword,
        });
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private Task<SubmittedReport> Report(string email, string? url = null, string? text = null, string? key = null,
        params Screenshot[] screenshots) =>
        _desk.SendAs(email, new SubmitReport { Url = url, Text = text, IdempotencyKey = key, Screenshots = screenshots });

    [Fact]
    public async Task A_first_report_opens_a_new_case_in_the_reporters_unit_inbox()
    {
        var first = await Report("member@demo.local", "https://www.facebook.com/permalink.php?story_fbid=111&id=222");

        Assert.Null(first.MatchedBy);
        Assert.Equal("D1-C1|Inbox|new|1", await _desk.Scalar<string>("""
            SELECT o.code || '|' || q.name || '|' || c.status || '|' || c.report_count
            FROM cases c JOIN org_units o ON o.id = c.owner_unit_id JOIN queues q ON q.id = c.queue_id WHERE c.id = @CaseId
            """, new { first.CaseId }));
    }

    [Fact]
    public async Task Two_reports_of_the_same_post_from_different_links_join_one_case()
    {
        var first = await Report("member@demo.local", "https://m.facebook.com/permalink.php?story_fbid=111&id=222&mibextid=abc");
        var second = await Report("member@demo.local", "https://www.facebook.com/permalink.php?id=222&story_fbid=111&fbclid=xyz#comments");

        Assert.Equal(first.CaseId, second.CaseId);
        Assert.Equal("url", second.MatchedBy);
        Assert.Equal(2, await _desk.Scalar<long>("SELECT report_count FROM cases WHERE id = @CaseId", new { first.CaseId }));
    }

    [Fact]
    public async Task Different_posts_open_different_cases()
    {
        var first = await Report("member@demo.local", "https://www.youtube.com/watch?v=aaaaaaaaaaa");
        var second = await Report("member@demo.local", "https://www.youtube.com/watch?v=bbbbbbbbbbb");

        Assert.NotEqual(first.CaseId, second.CaseId);
    }

    [Fact]
    public async Task Vietnamese_typed_without_diacritics_joins_the_accented_original()
    {
        var original = await Report("member@demo.local", text:
            "Khẩn cấp: uống nước chanh nóng mỗi sáng sẽ chữa khỏi ung thư giai đoạn cuối, bác sĩ bệnh viện K đã xác nhận!");
        var retyped = await Report("member2@demo.local", text:
            "khan cap uong nuoc chanh nong moi sang se chua khoi ung thu giai doan cuoi, bac si benh vien K da xac nhan 😱😱");

        Assert.Equal(original.CaseId, retyped.CaseId);
        Assert.Equal("text", retyped.MatchedBy);
    }

    [Fact]
    public async Task A_different_claim_on_the_same_topic_stays_apart()
    {
        var first = await Report("member@demo.local", text:
            "Khẩn cấp: uống nước chanh nóng mỗi sáng sẽ chữa khỏi ung thư giai đoạn cuối, bác sĩ bệnh viện K đã xác nhận!");
        var other = await Report("member@demo.local", text:
            "Bộ Y tế thông báo từ tháng sau mọi người dân phải tiêm mũi vắc xin thứ năm, ai không tiêm sẽ bị phạt tiền.");

        Assert.NotEqual(first.CaseId, other.CaseId);
    }

    [Fact]
    public async Task Concurrent_first_reports_of_one_new_post_end_in_one_case()
    {
        var reports = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Report(i % 2 == 0 ? "member@demo.local" : "member2@demo.local", $"https://www.tiktok.com/@kenh.tin/video/7300000000000000001?_r=1&_t={i}")));

        Assert.Single(reports.Select(r => r.CaseId).Distinct());
        Assert.Equal(12, await _desk.Scalar<long>("SELECT report_count FROM cases WHERE id = @CaseId", new { reports[0].CaseId }));
    }

    [Fact]
    public async Task A_post_reported_from_two_districts_rises_to_the_province_inbox()
    {
        var first = await Report("member@demo.local", "https://x.com/someone/status/1800000000000000001");
        Assert.Equal("D1-C1", await OwnerCode(first.CaseId));

        await Report("member2@demo.local", "https://twitter.com/someone/status/1800000000000000001?s=20");

        Assert.Equal("P", await OwnerCode(first.CaseId));
        Assert.Equal("P", await _desk.Scalar<string>(
            "SELECT o.code FROM cases c JOIN queues q ON q.id = c.queue_id JOIN org_units o ON o.id = q.unit_id WHERE c.id = @CaseId", new { first.CaseId }));
    }

    [Fact]
    public async Task Two_communes_of_one_district_share_the_district()
    {
        await _desk.SendAs("admin@demo.local", new AddUser
        {
            Email = "member3@demo.local", Name = "Lò Thị Sen", Roles = [Role.Member], UnitId = await _desk.UnitId("D1-C3"), Password = TestDesk.DemoPassword,
        });
        var first = await Report("member@demo.local", "https://vnexpress.net/tin-gia-123.html");
        await Report("member3@demo.local", "https://vnexpress.net/tin-gia-123.html?utm_source=zalo");

        Assert.Equal("D1", await OwnerCode(first.CaseId));
    }

    [Fact]
    public async Task A_retried_submit_with_the_same_key_returns_the_first_answer_and_files_once()
    {
        var first = await Report("member@demo.local", "https://vnexpress.net/a.html", key: "key-1");
        var retry = await Report("member@demo.local", "https://vnexpress.net/a.html", key: "key-1");

        Assert.Equal(first, retry);
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM reports"));
    }

    [Fact]
    public async Task Reusing_a_key_for_a_different_report_is_a_conflict()
    {
        await Report("member@demo.local", "https://vnexpress.net/a.html", key: "key-2");

        var e = await Assert.ThrowsAsync<ConflictException>(() => Report("member@demo.local", "https://vnexpress.net/b.html", key: "key-2"));

        Assert.Equal("Conflict.IdempotencyKeyReused", e.Code);
    }

    [Fact]
    public async Task The_same_key_from_another_member_is_another_report()
    {
        var mine = await Report("member@demo.local", "https://vnexpress.net/a.html", key: "shared");
        var theirs = await Report("member2@demo.local", "https://vnexpress.net/a.html", key: "shared");

        Assert.NotEqual(mine.ReportId, theirs.ReportId);
    }

    public static TheoryData<string?, string?, string?, string> BadInputs => new()
    {
        { null, null, null, "report" },
        { "   ", " ", null, "report" },
        { "javascript:alert(1)", null, null, "url" },
        { "data:text/html,<script>alert(1)</script>", null, null, "url" },
        { "file:///etc/passwd", null, null, "url" },
        { "not a link at all", null, null, "url" },
        { "https://example.vn/" + new string('a', 2100), null, null, "url" },
        { null, new string('x', 5001), null, "text" },
        { null, "Tin đồn", "astrology", "category" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_field_message_and_saves_nothing(string? url, string? text, string? category, string field)
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _desk.SendAs("member@demo.local", new SubmitReport { Url = url, Text = text, Category = category }));

        Assert.Contains(field, e.Errors.Keys);
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM reports"));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM cases"));
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_and_nothing_is_half_saved()
    {
        var html = new Screenshot("photo.png", "<html><script>alert(1)</script></html>"u8.ToArray());

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Report("member@demo.local", "https://vnexpress.net/a.html", null, null, new Screenshot("ok.png", TestImages.Png()), html));

        Assert.Contains("screenshots", e.Errors.Keys);
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM reports"));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM evidence"));
    }

    [Fact]
    public async Task A_screenshot_is_stored_once_by_content_without_its_metadata()
    {
        var image = TestImages.Png(secret: "GPS 21.0285 N 105.8542 E");

        var first = await Report("member@demo.local", text: "Ảnh chụp tin giả về lũ lụt", screenshots: new Screenshot("a.png", image));
        await Report("member2@demo.local", text: "Một tin khác hẳn về giá xăng tăng gấp đôi từ ngày mai", screenshots: new Screenshot("b.png", image));

        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM evidence"));
        Assert.Equal(2, await _desk.Scalar<long>("SELECT count(*) FROM report_evidence"));
        var sha = await _desk.Scalar<string>("SELECT sha256 FROM report_evidence WHERE report_id = @ReportId", new { first.ReportId });
        var stored = await File.ReadAllBytesAsync(Path.Combine(_desk.Directory, "evidence", sha[..2], sha));
        Assert.DoesNotContain("GPS", System.Text.Encoding.Latin1.GetString(stored));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored)), sha);
    }

    [Fact]
    public async Task Only_a_member_may_file_reports()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Report("reviewer@demo.local", "https://vnexpress.net/a.html"));
    }

    [Fact]
    public async Task Every_report_leaves_an_audit_event_naming_its_case()
    {
        var report = await Report("member@demo.local", "https://vnexpress.net/a.html");

        var data = await _desk.Scalar<string>("SELECT data FROM audit_events WHERE action = 'SubmitReport' AND entity_id = @id",
            new { id = report.ReportId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains($"\"caseId\":{report.CaseId}", data);
    }

    private Task<string> OwnerCode(long caseId) =>
        _desk.Scalar<string>("SELECT o.code FROM cases c JOIN org_units o ON o.id = c.owner_unit_id WHERE c.id = @caseId", new { caseId });
}
