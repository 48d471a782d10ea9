using System.Security.Claims;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Account;
using Triage.Client.Audit;
using Triage.Client.Cases;
using Triage.Client.Exports;
using Triage.Client.Pipeline;
using Triage.Client.Retention;
using Triage.Client.Users;
using Triage.Tests.Cases;
using Triage.Tests.Exports;
using Triage.Tests.Support;
using static Triage.Tests.Retention.RetentionDesk;

namespace Triage.Tests.Retention;

public sealed class AccountDeletionTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        await _desk.AddMember2();
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private Task<Unit> Delete(string email, string password = TestDesk.DemoPassword) =>
        _desk.SendAs(email, new DeleteMyAccount { Password = password });

    /// <summary>As a session or token that was signed in before would send it: with the principal it held then.</summary>
    private async Task<T> SendWith<T>(ClaimsPrincipal principal, IRequest<T> request)
    {
        await using var scope = _desk.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestUser>().Principal = principal;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    [Fact]
    public async Task Deleting_my_account_unlinks_my_reports_in_open_and_closed_cases_and_deletes_the_screenshots_only_i_sent()
    {
        var open = await _desk.Report(Member, "Tin đồn: nước muối sinh lý chữa được sốt xuất huyết", note: "Lan, xã C1", images: [ImageA, ImageB]);
        var closed = await _desk.Report(Member, CaseDesk.OtherClaim, note: "Lan", images: ImageC);
        await _desk.Close(closed.CaseId);
        var theirs = await _desk.Report(Member2, "Ảnh này cũng đang lan trên Facebook của huyện", images: ImageA);
        var (shaA, shaB, shaC) = (await _desk.StoredSha(open.ReportId, 0), await _desk.StoredSha(open.ReportId, 1), await _desk.StoredSha(closed.ReportId));
        var memberId = await _desk.UserId(Member);
        var theirsBefore = await _desk.Scalar<string>(
            $"SELECT {TestDatabase.JsonArray}(reporter_user_id, note, reporter_pseudonym, (SELECT string_agg(sha256, ',') FROM report_evidence WHERE report_id = r.id)) FROM reports r WHERE id = @ReportId",
            new { theirs.ReportId });
        var cases = await _desk.Scalar<string>($"SELECT {TestDatabase.JsonGroupArray}({TestDatabase.JsonArray}(id, status, version, report_count, updated_at)) FROM cases");

        await Delete(Member);

        var erased = await _desk.ErasedReporter();
        var pseudonym = await _desk.PseudonymOf(memberId);
        Assert.Equal(new[] { (open.ReportId, erased, pseudonym), (closed.ReportId, erased, pseudonym) },
            await _desk.Rows<(long, long, string)>("SELECT id, reporter_user_id, reporter_pseudonym FROM reports WHERE reporter_pseudonym IS NOT NULL ORDER BY id"));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM reports WHERE id IN (@a, @b) AND note IS NOT NULL", new { a = open.ReportId, b = closed.ReportId }));
        Assert.Equal(theirsBefore, await _desk.Scalar<string>(
            $"SELECT {TestDatabase.JsonArray}(reporter_user_id, note, reporter_pseudonym, (SELECT string_agg(sha256, ',') FROM report_evidence WHERE report_id = r.id)) FROM reports r WHERE id = @ReportId",
            new { theirs.ReportId }));
        Assert.Equal(cases, await _desk.Scalar<string>($"SELECT {TestDatabase.JsonGroupArray}({TestDatabase.JsonArray}(id, status, version, report_count, updated_at)) FROM cases"));
        Assert.Equal(new[] { shaA }, await _desk.Scalars<string>("SELECT sha256 FROM evidence"));

        // The files wait for the job (the command cannot act after its own commit); a restart in between loses nothing.
        Assert.Equal(2, await _desk.Scalar<long>("SELECT count(*) FROM erased_files"));
        Assert.Equal(2, await _desk.Job().PurgeFilesAsync());
        Assert.True(_desk.FileExists(shaA));
        Assert.False(_desk.FileExists(shaB));
        Assert.False(_desk.FileExists(shaC));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM erased_files"));
    }

    [Fact]
    public async Task A_deleted_account_keeps_only_its_id_and_unit_and_its_sessions_and_tokens_end()
    {
        var memberId = await _desk.UserId(Member);
        var session = await _desk.PrincipalOf(Member);
        await _desk.SendAs(Member, new IssueApiToken { Name = "điện thoại" });
        await _desk.Execute("""
            INSERT INTO notifications (user_id, kind, case_id, created_at) VALUES (@memberId, 'mention', NULL, '2026-11-26T08:00:00.0000000Z');
            INSERT INTO saved_views (user_id, name, filter, created_at, updated_at) VALUES (@memberId, 'của tôi', '{}', '2026-11-26T08:00:00.0000000Z', '2026-11-26T08:00:00.0000000Z');
            INSERT INTO idempotency_keys (user_id, key, request_hash, response, created_at) VALUES (@memberId, 'k1', 'h', '{}', '2026-11-26T08:00:00.0000000Z');
            """, new { memberId });
        var unit = await _desk.Scalar<long>("SELECT unit_id FROM users WHERE id = @memberId", new { memberId });
        var active = await _desk.Scalar<long>("SELECT count(*) FROM users WHERE disabled_at IS NULL");

        await Delete(Member);

        var (email, name, hash, disabled, unitAfter) = await _desk.Row<(string, string, string?, string?, long)>(
            "SELECT email, name, password_hash, disabled_at, unit_id FROM users WHERE id = @memberId", new { memberId });
        Assert.Equal(($"deleted-{memberId}@erased.invalid", "", null, unit), (email, name, hash, unitAfter));
        Assert.NotNull(disabled);
        Assert.Equal(0, await _desk.Scalar<long>("""
            SELECT (SELECT count(*) FROM user_roles WHERE user_id = @memberId) + (SELECT count(*) FROM notifications WHERE user_id = @memberId)
                 + (SELECT count(*) FROM saved_views WHERE user_id = @memberId) + (SELECT count(*) FROM idempotency_keys WHERE user_id = @memberId)
                 + (SELECT count(*) FROM api_tokens WHERE user_id = @memberId AND revoked_at IS NULL)
            """, new { memberId }));
        await Assert.ThrowsAsync<NotSignedInException>(() => SendWith(session, new GetMe()));
        Assert.Equal(SignInOutcome.InvalidCredentials, (await _desk.SendAs(null, new SignIn { Email = Member, Password = TestDesk.DemoPassword })).Outcome);
        // Nobody else lost anything.
        Assert.Equal(active - 1, await _desk.Scalar<long>("SELECT count(*) FROM users WHERE disabled_at IS NULL"));
    }

    [Fact]
    public async Task A_wrong_password_deletes_nothing()
    {
        await _desk.Report(Member, "Tin đồn: nước muối sinh lý chữa được sốt xuất huyết", note: "Lan", images: ImageA);
        var events = await _desk.LastAuditId();

        var wrong = await Assert.ThrowsAsync<ValidationFailedException>(() => Delete(Member, "not-my-password"));

        Assert.Equal(new[] { "password" }, wrong.Errors.Keys);
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM reports WHERE reporter_pseudonym IS NOT NULL"));
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM users WHERE email = @Member AND disabled_at IS NULL", new { Member }));
        Assert.Equal(events, await _desk.LastAuditId());
    }

    [Fact]
    public async Task The_last_active_admin_cannot_delete_their_account_until_another_admin_exists()
    {
        var refused = await Assert.ThrowsAsync<ConflictException>(() => Delete("admin@demo.local"));
        Assert.Equal(RetentionCodes.LastAdmin, refused.Code);
        Assert.Equal(1, await _desk.Scalar<long>("SELECT count(*) FROM users WHERE email = 'admin@demo.local' AND disabled_at IS NULL"));

        await _desk.AddUser("admin2@demo.local", Role.Admin, "P");
        await Delete("admin@demo.local");

        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM users WHERE email = 'admin@demo.local'"));
        await Assert.ThrowsAsync<ConflictException>(() => Delete("admin2@demo.local"));
    }

    [Fact]
    public async Task The_deletion_is_audited_by_user_id_without_the_password_and_the_chain_holds()
    {
        await _desk.Report(Member, "Tin đồn: nước muối sinh lý chữa được sốt xuất huyết", images: ImageA);
        var memberId = await _desk.UserId(Member);

        await Delete(Member);

        var (entity, data) = await _desk.Row<(string, string)>(
            "SELECT entity_type || ':' || entity_id, data FROM audit_events WHERE action = 'DeleteMyAccount'");
        Assert.Equal($"user:{memberId}", entity);
        Assert.DoesNotContain(TestDesk.DemoPassword, data);
        Assert.Equal((1L, 1L), await _desk.Row<(long, long)>(
            $"SELECT CAST({TestDatabase.JsonText("data", "$.details.reports")} AS BIGINT), CAST({TestDatabase.JsonText("data", "$.details.evidence")} AS BIGINT) FROM audit_events WHERE action = 'DeleteMyAccount'"));
        Assert.True((await _desk.SendAs("admin@demo.local", new VerifyAuditChain())).Intact);
    }

    [Fact]
    public async Task An_export_names_an_erased_reporter_by_the_pseudonym_it_gave_them_before_and_never_by_the_account()
    {
        var report = await _desk.Report(Member, "Tin đồn: nước muối sinh lý chữa được sốt xuất huyết", note: "Lan");
        await _desk.Report(Member2, CaseDesk.OtherClaim);
        var memberId = await _desk.UserId(Member);
        var export = new ExportReports { UnitId = await _desk.UnitId("P") };
        var before = ExportDesk.Parse(await _desk.ReportsFile("coordinator@demo.local", export)).Rows;

        await Delete(Member);
        var after = ExportDesk.Parse(await _desk.ReportsFile("coordinator@demo.local", export)).Rows;

        var id = report.ReportId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(before.Single(r => r["id"] == id)["reporter"], after.Single(r => r["id"] == id)["reporter"]);
        Assert.Equal(await _desk.PseudonymOf(memberId), after.Single(r => r["id"] == id)["reporter"]);
        Assert.NotEqual(await _desk.PseudonymOf(await _desk.ErasedReporter()), after.Single(r => r["id"] == id)["reporter"]);
        Assert.Equal(2, after.Select(r => r["reporter"]).Distinct().Count());
        Assert.Equal(before.Select(r => (r["id"], r["text"], r["reporter_unit"])), after.Select(r => (r["id"], r["text"], r["reporter_unit"])));
    }

    [Fact]
    public async Task A_reviewer_who_deletes_their_account_leaves_their_case_work_under_the_erased_account()
    {
        var caseId = await _desk.NewCase();
        await _desk.SendAs(Reviewer, new CommentOnCase { CaseId = caseId, Text = "Cần kiểm tra nguồn gốc ảnh." });
        var reviewerId = await _desk.UserId(Reviewer);

        await Delete(Reviewer);

        Assert.Equal((reviewerId, "Cần kiểm tra nguồn gốc ảnh."), await _desk.Row<(long, string)>("SELECT author_user_id, text FROM case_comments"));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM reports WHERE reporter_pseudonym IS NOT NULL"));
        var detail = await _desk.SendAs("admin@demo.local", new GetCase(caseId));
        Assert.Equal(Member, Assert.Single(detail.Reports).Reporter!.Email);
    }

    [Fact]
    public async Task The_running_job_deletes_the_files_of_a_deleted_account_without_waiting_for_its_next_pass()
    {
        var mine = await _desk.Report(Member, "Tin đồn: nước muối sinh lý chữa được sốt xuất huyết", images: ImageB);
        var sha = await _desk.StoredSha(mine.ReportId);
        var job = _desk.Job();
        await job.StartAsync(CancellationToken.None);
        try
        {
            await Until(async () => await _desk.Scalar<long>("SELECT count(*) FROM desk_state WHERE key = 'retention.last_run'") == 1);

            await Delete(Member);

            // The fake clock never moves here: only the deletion's request can have woken the job. The job deletes the
            // file and then forgets it, so the pass is over only when both hold.
            await Until(async () => !_desk.FileExists(sha) && await _desk.Scalar<long>("SELECT count(*) FROM erased_files") == 0);
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
        }
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within 30 s.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_screenshot_sent_again_before_the_files_are_deleted_keeps_its_file()
    {
        var mine = await _desk.Report(Member, "Tin đồn: nước muối sinh lý chữa được sốt xuất huyết", images: ImageB);
        var sha = await _desk.StoredSha(mine.ReportId);
        await Delete(Member);

        var again = await _desk.Report(Member2, CaseDesk.OtherClaim, images: ImageB);

        Assert.Equal(sha, await _desk.StoredSha(again.ReportId));
        Assert.Equal(0, await _desk.Job().PurgeFilesAsync());
        Assert.True(_desk.FileExists(sha));
        Assert.Equal(0, await _desk.Scalar<long>("SELECT count(*) FROM erased_files"));
    }
}
