using System.Text;
using Triage.Client.Imports;
using Triage.Client.Live;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Users;
using Triage.Client.Webhooks;
using Triage.Tests.Support;
using Triage.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Triage.Tests.Imports;

public sealed class ImportReportsTests : IAsyncLifetime
{
    private const string Coordinator = "coordinator@demo.local";
    private const string Lemon = "Khẩn cấp: uống nước chanh nóng mỗi sáng sẽ chữa khỏi ung thư giai đoạn cuối, bác sĩ bệnh viện K đã xác nhận!";
    private const string LemonRetyped = "khan cap uong nuoc chanh nong moi sang se chua khoi ung thu giai doan cuoi, bac si benh vien K da xac nhan";
    private const string Post = "https://www.facebook.com/permalink.php?story_fbid=111&id=222";

    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    /// <summary>A sheet with a row for an open case's post, a retyped open claim, a new post twice, and a bad link.</summary>
    private const string Sheet = $"""
        url,text,platform,category,note,reportedAt
        https://m.facebook.com/permalink.php?id=222&story_fbid=111&fbclid=abc,,facebook,health,từ nhóm Zalo phụ nữ xã,26/11/2026 9:30
        ,"{LemonRetyped}",,,,
        https://www.youtube.com/watch?v=ccccccccccc,Video nói tiêm vắc xin gây vô sinh,youtube,,,2026-11-25T20:00:00+07:00
        https://www.youtube.com/watch?v=ccccccccccc,,,,chia sẻ lại,
        not a link,,,,,
        """;

    private async Task<(long ByUrl, long ByText)> OpenCases()
    {
        var byUrl = await _desk.SendAs("member@demo.local", new SubmitReport { Url = Post });
        var byText = await _desk.SendAs("member@demo.local", new SubmitReport { Text = Lemon });
        return (byUrl.CaseId, byText.CaseId);
    }

    [Fact]
    public async Task A_dry_run_tells_exactly_what_the_import_will_do_and_keeps_nothing()
    {
        var (byUrl, byText) = await OpenCases();
        await _desk.Webhook(WebhookEvents.CaseCreated);
        var before = await _desk.Counts();

        var dry = await _desk.Import(Coordinator, Sheet, dryRun: true);

        Assert.Equal(before, await _desk.Counts());
        Assert.Equal(1, dry.Created);
        Assert.Equal(3, dry.Merged);
        Assert.Equal([true, true, true, true, false], dry.Rows.Select(r => r.Ok));
        Assert.Equal([2, 3, 4, 5, 6], dry.Rows.Select(r => r.Line));
        Assert.All(dry.Rows, r => Assert.Null(r.CaseId));
        Assert.Null(dry.ImportId);

        var done = await _desk.Import(Coordinator, Sheet);

        Assert.Equal((dry.Created, dry.Merged), (done.Created, done.Merged));
        Assert.Equal(dry.Rows.Select(r => (r.Line, r.Ok, r.MatchedBy)), done.Rows.Select(r => (r.Line, r.Ok, r.MatchedBy)));
        Assert.Equal(byUrl, done.Rows[0].CaseId);
        Assert.Equal(byText, done.Rows[1].CaseId);
        Assert.Equal(done.Rows[2].CaseId, done.Rows[3].CaseId);
        Assert.Equal("url", done.Rows[3].MatchedBy);
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM webhook_deliveries WHERE case_id = @CaseId", new { done.Rows[2].CaseId }));
        Assert.Equal($"{done.ImportId}|4|1|3|1", await _desk.Scalar<string>(
            "SELECT i.id || '|' || (SELECT count(*) FROM reports WHERE import_id = i.id) || '|' || created || '|' || merged || '|' || skipped FROM imports i"));
    }

    [Fact]
    public async Task A_dry_run_announces_nothing_to_open_pages_and_a_commit_announces_each_case_once()
    {
        var received = new List<long>();
        var expected = new HashSet<long>();
        var arrived = new TaskCompletionSource();
        void Check()
        {
            if (expected.Count > 0 && expected.IsSubsetOf(received)) arrived.TrySetResult();
        }
        using var subscription = _desk.Services.GetRequiredService<ILiveBus>().Subscribe<CaseChangedEvent>(e =>
        {
            lock (received)
            {
                received.Add(e.CaseId);
                Check();
            }
            return Task.CompletedTask;
        });

        await _desk.Import(Coordinator, Sheet, dryRun: true);
        var done = await _desk.Import(Coordinator, Sheet);
        lock (received)
        {
            expected.UnionWith(done.Rows.Where(r => r.Ok).Select(r => r.CaseId!.Value));
            Check();
        }

        // Events arrive in publishing order, so once the commit's have come, any of the dry run's would have come before them.
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        lock (received) Assert.Equal(expected.Order(), received.Order());
    }

    [Fact]
    public async Task Imported_reports_are_filed_by_the_coordinator_for_the_chosen_unit_at_the_time_the_sheet_says()
    {
        var d1 = await _desk.UnitId("D1");
        var done = await _desk.Import(Coordinator, Sheet, unitId: d1);

        Assert.Equal("coordinator@demo.local|D1|D1|Inbox|2026-11-26 02:30:00+00:00|health|facebook|từ nhóm Zalo phụ nữ xã", await _desk.Scalar<string>("""
            SELECT u.email || '|' || ru.code || '|' || o.code || '|' || q.name || '|' || r.submitted_at || '|' || r.category || '|' || r.platform || '|' || r.note
            FROM reports r JOIN users u ON u.id = r.reporter_user_id JOIN org_units ru ON ru.id = r.reporter_unit_id
            JOIN cases c ON c.id = r.case_id JOIN org_units o ON o.id = c.owner_unit_id JOIN queues q ON q.id = c.queue_id
            WHERE r.case_id = @CaseId AND r.import_id IS NOT NULL
            """, new { done.Rows[0].CaseId }));
        Assert.Equal("2026-11-25 13:00:00+00:00", await _desk.Scalar<string>(
            "SELECT first_reported_at FROM cases WHERE id = @CaseId", new { done.Rows[2].CaseId }));
        Assert.Equal("2026-11-26 08:00:00+00:00", await _desk.Scalar<string>(
            "SELECT submitted_at FROM reports WHERE case_id = @CaseId AND note = 'chia sẻ lại'", new { done.Rows[3].CaseId }));
    }

    [Fact]
    public async Task Each_bad_row_gets_its_own_errors_and_the_good_rows_are_still_imported()
    {
        var csv = $"""
            url,text,platform,category,note,reportedAt
            ftp://files.example.com/a,,,,,
            ,,,,chỉ có ghi chú,
            ,Tin đồn sắp đổi tiền,myspace,,,
            ,Tin đồn sắp đổi tiền lần hai,,astrology,,
            ,{new string('a', SubmitReport.MaxTextLength + 1)},,,,
            ,Tin đồn về bão số 9,,,,hôm qua
            ,Tin đồn về bão số 10,,,,27/11/2026 9:00
            ,Tin đồn về giá vàng,Facebook,"Kinh tế, tài chính",,26/11/2026
            """;

        var result = await _desk.Import(Coordinator, csv);

        Assert.Equal(1, result.Created);
        string Errors(int line) => string.Join(" | ", result.Rows.Single(r => r.Line == line).Errors);
        Assert.Equal("Column url: Only http and https links can be reported.", Errors(2));
        Assert.Equal("The row has neither a link nor a text (url / text).", Errors(3));
        Assert.Equal("Column platform: Unknown platform. (myspace)", Errors(4));
        Assert.Equal("Column category: Unknown category. (astrology)", Errors(5));
        Assert.Equal($"Column text: At most {SubmitReport.MaxTextLength} characters.", Errors(6));
        Assert.Equal("Column reportedAt: \"hôm qua\" is not a date and time: write 27/11/2026 9:30 or 2026-11-27T09:30.", Errors(7));
        Assert.Equal("Column reportedAt: \"27/11/2026 9:00\" is in the future.", Errors(8));
        Assert.True(result.Rows.Single(r => r.Line == 9).Ok);
        Assert.Equal("facebook|economy", await _desk.Scalar<string>(
            "SELECT platform || '|' || category FROM reports WHERE case_id = @CaseId", new { result.Rows.Single(r => r.Line == 9).CaseId }));
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused_with_a_hint_to_save_it_as_csv_utf8()
    {
        // "Nội dung" in Windows-1258, as an old Excel saves it.
        var bytes = Encoding.ASCII.GetBytes("text\r\nN").Concat(new byte[] { 0xF4, 0xD2, 0x69, 0x20, 0x64, 0x75, 0x6E, 0x67 }).ToArray();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _desk.SendAs(Coordinator, new ImportReports { File = bytes, DryRun = true }));

        Assert.Contains("CSV UTF-8", Assert.Single(refused.Errors["file"]));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x0D, 0x0A })]
    public async Task An_empty_file_is_refused(byte[] file)
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _desk.SendAs(Coordinator, new ImportReports { File = file, DryRun = true }));

        Assert.StartsWith("The file is empty", Assert.Single(refused.Errors["file"]));
    }

    [Fact]
    public async Task A_byte_order_mark_is_dropped_and_a_semicolon_file_with_line_breaks_in_quotes_keeps_its_line_numbers()
    {
        var file = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(ImportDesk.Csv("""
            Nội dung;Ghi chú
            "Tin nhắn dài
            hai dòng về đổi tiền";ghi chú một
            "Tin khác; có dấu chấm phẩy";
            ;chỉ ghi chú
            """)).ToArray();

        var result = await _desk.SendAs(Coordinator, new ImportReports { File = file, DryRun = true });

        Assert.Equal([(2, true), (4, true), (5, false)], result.Rows.Select(r => (r.Line, r.Ok)));
        Assert.Equal(2, result.Created);
    }

    [Fact]
    public async Task A_file_without_a_link_or_text_column_is_refused_naming_the_columns_it_has()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _desk.Import(Coordinator, "Họ tên,Số điện thoại\nNguyễn Thị Lan,0901234567", dryRun: true));

        var message = Assert.Single(refused.Errors["file"]);
        Assert.Contains("url", message);
        Assert.Contains("text", message);
        Assert.Contains("Họ tên, Số điện thoại", message);
    }

    [Fact]
    public async Task A_file_over_the_row_limit_is_refused_whole()
    {
        var csv = "text\n" + string.Join('\n', Enumerable.Range(1, ImportColumns.MaxRows + 1).Select(i => $"Tin đồn số {i}"));

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.Import(Coordinator, csv, dryRun: true));

        Assert.Equal("The file has more than 10,000 rows. Split it into smaller files.", Assert.Single(refused.Errors["file"]));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM imports"));
    }

    [Fact]
    public async Task Custom_headers_are_mapped_by_the_coordinator_and_vietnamese_headers_are_found_on_their_own()
    {
        var mapped = await _desk.Import(Coordinator, """
            Link bài đăng gốc,Nội dung tin nhắn,Kênh
            https://www.tiktok.com/@someone/video/7300000000000000001,Clip nói ăn tỏi sống chữa được cúm gia cầm,TikTok
            """, columns: new() { ["url"] = "Link bài đăng gốc", ["text"] = "Nội dung tin nhắn" });
        var guessed = await _desk.SendAs(Coordinator, new ReadImportHeaders { File = ImportDesk.Csv("Đường dẫn,NỘI DUNG,Nền tảng,Danh mục,Ghi chú,Dấu thời gian\n") });

        Assert.True(Assert.Single(mapped.Rows).Ok);
        Assert.Equal("tiktok", await _desk.Scalar<string>("SELECT platform FROM reports WHERE case_id = @CaseId", new { mapped.Rows[0].CaseId }));
        Assert.Equal(new Dictionary<string, string>
        {
            ["url"] = "Đường dẫn", ["text"] = "NỘI DUNG", ["platform"] = "Nền tảng", ["category"] = "Danh mục", ["note"] = "Ghi chú", ["reportedAt"] = "Dấu thời gian",
        }, guessed.Columns);
    }

    [Fact]
    public async Task A_mapping_to_a_header_the_file_lacks_is_refused()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _desk.Import(Coordinator, "text\nTin đồn", dryRun: true, columns: new() { ["url"] = "Liên kết" }));

        Assert.Equal("The file has no column \"Liên kết\" (chosen for url).", Assert.Single(refused.Errors["columns"]));
    }

    [Fact]
    public async Task Vietnamese_day_month_year_times_are_read_in_the_desks_zone()
    {
        Assert.True(Triage.Server.Imports.ImportRowCheck.TryParseTime("5/3/2026 7:05", TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"), out var when));
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 0, 5, 0, TimeSpan.Zero), when);
        Assert.True(Triage.Server.Imports.ImportRowCheck.TryParseTime("2026-03-05T07:05:00Z", TimeZoneInfo.Utc, out when));
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 7, 5, 0, TimeSpan.Zero), when);
        Assert.False(Triage.Server.Imports.ImportRowCheck.TryParseTime("31/2/2026", TimeZoneInfo.Utc, out _));
    }

    [Fact]
    public async Task A_unit_outside_the_coordinators_subtree_is_not_found()
    {
        await _desk.SendAs("admin@demo.local", new AddUser
        {
            Email = "coordinator-d1@demo.local", Name = "Đỗ Thị Hạnh", Roles = [Role.Coordinator], UnitId = await _desk.UnitId("D1"),
            Password = TestDesk.DemoPassword,
        });

        var d2 = await _desk.UnitId("D2");
        await Assert.ThrowsAsync<NotFoundException>(() => _desk.Import("coordinator-d1@demo.local", Sheet, dryRun: true, unitId: d2));
        var own = await _desk.Import("coordinator-d1@demo.local", Sheet, dryRun: true, unitId: await _desk.UnitId("D1-C2"));
        Assert.Equal(5, own.Rows.Count);
    }

    [Fact]
    public async Task A_reviewer_or_a_member_may_not_import()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.Import("reviewer@demo.local", Sheet, dryRun: true));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.Import("member@demo.local", Sheet));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs("reviewer@demo.local", new ReadImportHeaders { File = ImportDesk.Csv(Sheet) }));
    }

    [Fact]
    public async Task The_audit_trail_notes_the_files_name_hash_and_counts_but_not_its_content()
    {
        await _desk.Import(Coordinator, Sheet);

        var data = await _desk.Scalar<string>("SELECT data FROM audit_events WHERE action = 'ImportReports' AND entity_type = 'import'");
        Assert.Contains("\"fileName\":\"nhom-zalo.csv\"", data);
        Assert.Contains("\"created\":3", data);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ImportDesk.Csv(Sheet))), data);
        Assert.DoesNotContain("ccccccccccc", data);
    }
}
