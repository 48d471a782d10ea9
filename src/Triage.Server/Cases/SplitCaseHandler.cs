using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Server.Pipeline;
using Triage.Server.Search;
using Triage.Client.Webhooks;
using Triage.Server.Webhooks;

namespace Triage.Server.Cases;

/// <summary>
/// The report starts over as a new case at its reporter's unit, as if it had never matched. The source
/// keeps its status (a split changes its reports, not its lifecycle, so the transition table has no row
/// for it) but gets a new version, like a report joining it; a finished case is not split (409).
/// The source's owner is not narrowed: it may have risen on purpose.
/// </summary>
public sealed class SplitCaseHandler(IStringLocalizer<Strings> localizer) : CommandHandler<SplitCase, CaseSplit>
{
    private static readonly string[] Finished = CaseStatuses.Finished.Select(s => s.Code()).ToArray();

    protected override async Task<CaseSplit> Handle(SplitCase request, Work work, CancellationToken ct)
    {
        if (request.ExpectedVersion is not { } expected) throw new PreconditionRequiredException();
        var source = await work.Connection.QuerySingleOrDefaultAsync<(string Status, long Version, long Reports, string Title)?>(
            "SELECT status, version, report_count, title FROM cases WHERE id = @CaseId", new { request.CaseId }, work.Transaction)
            ?? throw new NotFoundException("Case");
        if (source.Version != expected) throw new PreconditionFailedException(source.Version);
        if (Finished.Contains(source.Status))
            throw new ConflictException(CaseRules.IllegalTransition, $"A case that is {source.Status} cannot be split.");

        var report = await work.Connection.QuerySingleOrDefaultAsync<(long UnitId, string? Platform, string? Text, string SubmittedAt)?>(
            "SELECT reporter_unit_id, platform, text, submitted_at FROM reports WHERE id = @ReportId AND case_id = @CaseId",
            new { request.ReportId, request.CaseId }, work.Transaction);
        if (report is not { } r) throw Field(CaseRules.SplitReportElsewhere);
        if (source.Reports <= 1) throw Field(CaseRules.SplitOnlyReport);

        var caseId = await work.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO cases (status, title, platform, owner_unit_id, queue_id, report_count, search_texts,
                               first_reported_at, last_reported_at, created_at, updated_at)
            VALUES ('new', @Title, @Platform, @UnitId, (SELECT id FROM queues WHERE unit_id = @UnitId AND is_inbox = TRUE), 1,
                    @searchTexts, @SubmittedAt, @SubmittedAt, @Now, @Now)
            RETURNING id
            """, new { source.Title, r.Platform, r.UnitId, searchTexts = string.IsNullOrEmpty(r.Text) ? 0 : 1, r.SubmittedAt, work.Now }, work.Transaction);
        await CaseSearch.AddAsync(work.Connection, work.Transaction, caseId, source.Title, r.Text);

        var args = new { caseId, from = request.CaseId, request.ReportId, r.UnitId, work.Now, expected };
        await work.Connection.ExecuteAsync("""
            UPDATE reports SET case_id = @caseId WHERE id = @ReportId;
            INSERT INTO case_reporter_units (case_id, unit_id) VALUES (@caseId, @UnitId);
            DELETE FROM case_reporter_units
            WHERE case_id = @from AND unit_id = @UnitId AND NOT EXISTS (SELECT 1 FROM reports WHERE case_id = @from AND reporter_unit_id = @UnitId);
            UPDATE case_text_bands SET case_id = @caseId WHERE case_id = @from AND report_id = @ReportId;
            """, args, work.Transaction);
        var changed = await work.Connection.ExecuteAsync("""
            UPDATE cases SET report_count = report_count - 1, version = version + 1, updated_at = @Now
            WHERE id = @from AND version = @expected
            """, args, work.Transaction);
        if (changed == 0) throw new PreconditionFailedException(source.Version);
        await CaseSearch.RefreshAsync(work.Connection, work.Transaction, request.CaseId);

        work.Subject("case", request.CaseId);
        work.Detail("reportId", request.ReportId);
        work.Detail("newCaseId", caseId);
        work.AnnounceCase(caseId);
        await WebhookOutbox.EnqueueAsync(work, WebhookEvents.CaseCreated, caseId);
        work.Detail("version", source.Version + 1);
        return new CaseSplit(caseId, source.Version + 1);
    }

    private ValidationFailedException Field(string key) =>
        new(new Dictionary<string, string[]> { ["reportId"] = [localizer[key]] });
}
