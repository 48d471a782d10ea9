using System.Text.Json;
using Triage.Client.Audit;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Responses;
using Triage.Client.Retention;
using Triage.Server.Retention;
using Triage.Tests.Cases;
using Triage.Tests.Support;
using static Triage.Tests.Retention.RetentionDesk;

namespace Triage.Tests.Retention;

public sealed class RetentionTests : IAsyncLifetime
{
    private const string PostUrl = "https://www.facebook.com/tintuc.vn/posts/123456789?mibextid=Zb8kLm2&fbclid=IwAR0abc";
    private TestDesk _desk = default!;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        await _desk.AddMember2();
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    /// <summary>
    /// Case X (closed long ago): member's report with screenshots A and B and a note, member2's with C and a note, a draft
    /// counter-message and a comment. Case Y (open): member2's report with A again. Case Z (dismissed recently): member's
    /// report with its own screenshot.
    /// </summary>
    private async Task<(long X, long Y, long Z, long[] XReports)> ThreeCases()
    {
        var mine = await _desk.Report(Member, "Uống nước chanh nóng chữa khỏi ung thư giai đoạn cuối, bác sĩ bệnh viện K xác nhận!", PostUrl,
            note: "Tôi là Lan, hội viên xã C1, số điện thoại 0912 345 678", ImageA, ImageB);
        var theirs = await _desk.SendAs(Member2, new SubmitReport
        {
            Text = "Bài này đang lan truyền trong nhóm Zalo của xóm", Url = PostUrl, Note = "Hoa, chi hội 3", IdempotencyKey = "retry-x",
            Screenshots = [new Screenshot("c.png", ImageC)],
        });
        Assert.Equal(mine.CaseId, theirs.CaseId);
        var x = mine.CaseId;
        await _desk.ForceStatus(x, CaseStatus.Assigned);
        await _desk.SendAs("responder@demo.local", new DraftResponse
        {
            CaseId = x, Kind = "debunk", Channel = "facebook", Language = "vi",
            Fact = "Nước chanh không chữa được ung thư.", Myth = "Tin đồn nói uống nước chanh nóng chữa khỏi ung thư.",
            Fallacy = "Mượn danh bác sĩ để tạo lòng tin.", Text = "Sự thật: nước chanh không chữa được ung thư; hãy đi khám khi có dấu hiệu bệnh.",
        });
        await _desk.SendAs(Reviewer, new CommentOnCase { CaseId = x, Text = "Đã kiểm tra với Sở Y tế." });
        await _desk.SendAs(Reviewer, new CloseCase { CaseId = x, ExpectedVersion = await _desk.Version(x), Outcome = "no_response_needed" });

        var y = (await _desk.SendAs(Member2, new SubmitReport
        {
            Text = CaseDesk.OtherClaim, IdempotencyKey = "retry-y", Screenshots = [new Screenshot("a.png", ImageA)],
        })).CaseId;
        var z = (await _desk.Report(Member, "Tin đồn: giá xăng sẽ tăng gấp đôi từ tuần sau, mọi người đổ xăng ngay!", note: "Lan",
            images: TestImages.Png(shade: 0xD0))).CaseId;
        _desk.Clock.Advance(TimeSpan.FromDays(200));
        await _desk.Dismiss(z);
        _desk.Clock.Advance(TimeSpan.FromDays(166));
        return (x, y, z, [mine.ReportId, theirs.ReportId]);
    }

    [Fact]
    public async Task A_case_closed_longer_than_the_period_loses_its_screenshots_reporters_and_notes_and_nothing_else_changes()
    {
        var (x, y, z, xReports) = await ThreeCases();
        var (shaA, shaB, shaC) = (await _desk.StoredSha(xReports[0], 0), await _desk.StoredSha(xReports[0], 1), await _desk.StoredSha(xReports[1], 0));
        var shaZ = await _desk.Scalar<string>("SELECT sha256 FROM report_evidence e JOIN reports r ON r.id = e.report_id WHERE r.case_id = @z", new { z });
        var (memberId, member2Id) = (await _desk.UserId(Member), await _desk.UserId(Member2));
        var before = await _desk.Untouchable(x);
        var lastEvent = await _desk.LastAuditId();
        var auditBefore = await _desk.AuditUpTo(lastEvent);

        var run = await _desk.Job().PassAsync();

        Assert.Equal((1L, 2L, 2L, 2L, 365), (run.Cases, run.Reports, run.Evidence, run.Files, run.ClosedCaseDays));
        Assert.Equal(before, await _desk.Untouchable(x));
        // The screenshots only X's reports held are gone, rows and files; the one an open case shares stays.
        Assert.Equal(0, await _desk.Scalar<long>($"SELECT count(*) FROM report_evidence WHERE report_id {TestDatabase.InList("@xReports")}", new { xReports }));
        Assert.Equal(new[] { shaA, shaZ }.Order(StringComparer.Ordinal), (await _desk.Scalars<string>("SELECT sha256 FROM evidence ORDER BY sha256")).Order(StringComparer.Ordinal));
        Assert.True(_desk.FileExists(shaA));
        Assert.True(_desk.FileExists(shaZ));
        Assert.False(_desk.FileExists(shaB));
        Assert.False(_desk.FileExists(shaC));
        // The reports name nobody: the erased reporter, each with the pseudonym exports gave its sender; no note, no share-link ids.
        var erased = await _desk.ErasedReporter();
        var rows = (await _desk.Rows<(long, long, string, string?, long)>(
            "SELECT id, reporter_user_id, reporter_pseudonym, note, CASE WHEN url_raw IS NOT DISTINCT FROM url_canonical THEN 1 ELSE 0 END FROM reports WHERE case_id = @x ORDER BY id", new { x })).ToList();
        Assert.Equal(
            new (long, long, string, string?, long)[]
            {
                (xReports[0], erased, await _desk.PseudonymOf(memberId), null, 1), (xReports[1], erased, await _desk.PseudonymOf(member2Id), null, 1),
            },
            rows);
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM users WHERE id = @erased AND disabled_at IS NOT NULL AND password_hash IS NULL", new { erased }));
        Assert.NotNull(await _desk.Scalar<string>("SELECT erased_at FROM cases WHERE id = @x", new { x }));
        // A retry record would tie the person to the report; the open case's stays.
        Assert.Equal(new[] { "retry-y" }, await _desk.Scalars<string>("SELECT key FROM idempotency_keys"));
        // The case still reads as before, without anyone's name on its reports.
        var detail = await _desk.SendAs(Reviewer, new GetCase(x));
        Assert.Equal((CaseStatus.Closed, "false", 2), (detail.Status, detail.Verdict, detail.ReportCount));
        Assert.All(detail.Reports, r => Assert.Null(r.Reporter));
        Assert.All(detail.Reports, r => Assert.Empty(r.Evidence));

        // The audit log: what was there is untouched, one event per erased case with counts only, and the chain holds.
        Assert.Equal(auditBefore, await _desk.AuditUpTo(lastEvent));
        var (action, entity, actor, data) = await _desk.Row<(string, string, string, string)>(
            "SELECT action, entity_id, actor, data FROM audit_events WHERE id > @lastEvent", new { lastEvent });
        Assert.Equal((RetentionJob.AuditAction, x.ToString(System.Globalization.CultureInfo.InvariantCulture), "system"), (action, entity, actor));
        var details = JsonDocument.Parse(data).RootElement.GetProperty("details");
        Assert.Equal((2, 2, 365), (details.GetProperty("reports").GetInt32(), details.GetProperty("evidence").GetInt32(), details.GetProperty("closedCaseDays").GetInt32()));
        Assert.DoesNotContain("Lan", data);
        Assert.True((await _desk.SendAs("admin@demo.local", new VerifyAuditChain())).Intact);
        Assert.Contains((await _desk.SendAs(Reviewer, new GetCaseActivity(x))).Timeline, e => e.Action == RetentionJob.AuditAction);
    }

    [Fact]
    public async Task A_case_inside_the_period_and_an_open_case_keep_everything_until_their_own_time_comes()
    {
        var (_, y, z, _) = await ThreeCases();
        var zReport = await _desk.Scalar<long>("SELECT id FROM reports WHERE case_id = @z", new { z });
        var memberId = await _desk.UserId(Member);

        await _desk.Job().PassAsync();

        Assert.Equal((memberId, "Lan", 1L), await _desk.Row<(long, string, long)>(
            "SELECT reporter_user_id, note, (SELECT count(*) FROM report_evidence WHERE report_id = r.id) FROM reports r WHERE id = @zReport", new { zReport }));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM reports WHERE case_id IN (@y, @z) AND reporter_pseudonym IS NOT NULL", new { y, z }));

        // Z was dismissed 166 days ago: in 198 more days it is a day short of the period, in 200 a day past it.
        _desk.Clock.Advance(TimeSpan.FromDays(198));
        Assert.Equal(0, (await _desk.Job().PassAsync()).Cases);
        _desk.Clock.Advance(TimeSpan.FromDays(2));
        var run = await _desk.Job().PassAsync();

        Assert.Equal((1L, 1L), (run.Cases, run.Reports));
        Assert.Equal(await _desk.ErasedReporter(), await _desk.Scalar<long>("SELECT reporter_user_id FROM reports WHERE id = @zReport", new { zReport }));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM reports WHERE case_id = @y AND reporter_pseudonym IS NOT NULL", new { y }));
    }

    [Fact]
    public async Task A_second_pass_over_the_same_state_erases_nothing_and_writes_no_audit_event()
    {
        var (x, _, _, _) = await ThreeCases();
        await _desk.Job().PassAsync();
        var after = await _desk.Untouchable(x);
        var events = await _desk.LastAuditId();
        var reports = await _desk.Scalar<string>($"SELECT {TestDatabase.JsonGroupArray}({TestDatabase.JsonArray}(id, reporter_user_id, reporter_pseudonym, note)) FROM reports");

        var again = await _desk.Job().PassAsync();

        Assert.Equal((0L, 0L, 0L, 0L), (again.Cases, again.Reports, again.Evidence, again.Files));
        Assert.Equal(after, await _desk.Untouchable(x));
        Assert.Equal(events, await _desk.LastAuditId());
        Assert.Equal(reports, await _desk.Scalar<string>($"SELECT {TestDatabase.JsonGroupArray}({TestDatabase.JsonArray}(id, reporter_user_id, reporter_pseudonym, note)) FROM reports"));
    }

    [Fact]
    public async Task A_reopened_erased_case_that_gets_a_new_report_erases_only_that_report_when_it_is_closed_long_enough_again()
    {
        var (x, _, _, xReports) = await ThreeCases();
        await _desk.Job().PassAsync();
        await _desk.SendAs(Reviewer, new ReopenCase { CaseId = x, ExpectedVersion = await _desk.Version(x), Reason = "Bài đăng lại xuất hiện" });
        Assert.Null(await _desk.Row<string?>("SELECT closed_at FROM cases WHERE id = @x", new { x }));
        var late = await _desk.Report(Member2, "Lại thấy bài này", PostUrl, note: "Hoa", ImageB);
        Assert.Equal(x, late.CaseId);
        var shaB = await _desk.StoredSha(late.ReportId);
        await _desk.SendAs(Reviewer, new CloseCase { CaseId = x, ExpectedVersion = await _desk.Version(x), Outcome = "no_response_needed" });
        var lastEvent = await _desk.LastAuditId();

        _desk.Clock.Advance(TimeSpan.FromDays(364));
        await _desk.Job().PassAsync();
        Assert.Equal("Hoa", await _desk.Scalar<string>("SELECT note FROM reports WHERE id = @ReportId", new { late.ReportId }));
        _desk.Clock.Advance(TimeSpan.FromDays(2));
        await _desk.Job().PassAsync();

        Assert.Null(await _desk.Row<string?>("SELECT note FROM reports WHERE id = @ReportId", new { late.ReportId }));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM evidence WHERE sha256 = @shaB", new { shaB }));
        Assert.False(_desk.FileExists(shaB));
        var data = await _desk.Scalar<string>("SELECT data FROM audit_events WHERE id > @lastEvent AND action = @AuditAction AND entity_id = @id",
            new { lastEvent, RetentionJob.AuditAction, id = x.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(1, JsonDocument.Parse(data).RootElement.GetProperty("details").GetProperty("reports").GetInt32());
        Assert.Equal(3, await _desk.Scalar<long>("SELECT count(*) FROM reports WHERE case_id = @x AND reporter_pseudonym IS NOT NULL", new { x }));
        Assert.Equal(xReports.Length + 1, await _desk.Scalar<long>("SELECT report_count FROM cases WHERE id = @x", new { x }));
    }

    [Fact]
    public async Task The_period_an_admin_sets_is_the_one_the_job_uses_and_zero_keeps_everything()
    {
        var caseId = (await _desk.Report(Member, "Tin đồn: nước muối sinh lý chữa được sốt xuất huyết", images: ImageA)).CaseId;
        await _desk.Dismiss(caseId);
        _desk.Clock.Advance(TimeSpan.FromDays(31));

        var kept = await _desk.SendAs("admin@demo.local", new SetRetention { ClosedCaseDays = 0 });
        Assert.Equal((0, 365, true, 0L), (kept.ClosedCaseDays, kept.ConfiguredDays, kept.Overridden, kept.DueCases));
        _desk.Clock.Advance(TimeSpan.FromDays(3000));
        Assert.Equal(0, (await _desk.Job().PassAsync()).Reports);

        var month = await _desk.SendAs("admin@demo.local", new SetRetention { ClosedCaseDays = 30 });
        Assert.Equal((30, 1L), (month.ClosedCaseDays, month.DueCases));
        var run = await _desk.Job().PassAsync();
        Assert.Equal((1L, 1L, 30), (run.Reports, run.Evidence, run.ClosedCaseDays));

        var status = await _desk.SendAs("admin@demo.local", new GetRetention());
        Assert.Equal((30, 0L), (status.ClosedCaseDays, status.DueCases));
        Assert.Equal((_desk.Clock.GetUtcNow(), 1L, 1L, 1L, 1L), (status.LastRun!.At, status.LastRun.Cases, status.LastRun.Reports, status.LastRun.Evidence, status.LastRun.Files));
        var configured = await _desk.SendAs("admin@demo.local", new SetRetention { ClosedCaseDays = null });
        Assert.Equal((365, false), (configured.ClosedCaseDays, configured.Overridden));
        Assert.Equal(1, await _desk.Scalar<long>($"SELECT count(*) FROM audit_events WHERE action = 'SetRetention' AND entity_type = 'desk' AND {TestDatabase.JsonText("data", "$.request.closedCaseDays")} = '30'"));
    }

    [Theory]
    [InlineData(Member)]
    [InlineData(Reviewer)]
    [InlineData("coordinator@demo.local")]
    public async Task Only_an_admin_sees_or_sets_the_period(string email)
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs(email, new GetRetention()));
        await Assert.ThrowsAsync<ForbiddenException>(() => _desk.SendAs(email, new SetRetention { ClosedCaseDays = 1 }));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM desk_state WHERE key = @PeriodKey", new { RetentionState.PeriodKey }));
    }

    [Fact]
    public async Task A_period_beyond_ten_years_or_below_zero_is_refused_with_a_field_message()
    {
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs("admin@demo.local", new SetRetention { ClosedCaseDays = 3651 }));
        Assert.Contains("closedCaseDays", tooLong.Errors.Keys);
        await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.SendAs("admin@demo.local", new SetRetention { ClosedCaseDays = -1 }));
    }

    [Fact]
    public async Task A_merged_case_is_erased_through_the_case_its_reports_moved_to()
    {
        var source = (await _desk.Report(Member, "Tin đồn: tiêm vắc-xin cúm gây vô sinh ở phụ nữ trẻ", note: "Lan", images: ImageB)).CaseId;
        var target = (await _desk.Report(Member2, CaseDesk.OtherClaim)).CaseId;
        await _desk.SendAs(Reviewer, new MergeCase { CaseId = source, ExpectedVersion = await _desk.Version(source), IntoCaseId = target });
        _desk.Clock.Advance(TimeSpan.FromDays(400));
        Assert.Equal(0, (await _desk.Job().PassAsync()).Reports);

        await _desk.Dismiss(target);
        _desk.Clock.Advance(TimeSpan.FromDays(366));
        var run = await _desk.Job().PassAsync();

        Assert.Equal((1L, 2L, 1L), (run.Cases, run.Reports, run.Evidence));
    }
}
