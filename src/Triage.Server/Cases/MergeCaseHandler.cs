using Triage.Server.Data;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Server.Pipeline;
using Triage.Server.Reports;
using Triage.Server.Search;

namespace Triage.Server.Cases;

/// <summary>
/// Every report of the source, with the reporter units and text bands that find and scope it, moves
/// to the target; the source stays as a merged pointer. A bad target is a field error on intoCaseId,
/// not a 409: the caller picked the wrong number, the source itself is fine. A target the caller
/// cannot act on reads the same as one that does not exist, so a merge cannot probe other units' cases.
/// The target's owner widens to cover the new reporters but never narrows: an escalated target stays high.
/// </summary>
public sealed class MergeCaseHandler(IStringLocalizer<Strings> localizer) : CommandHandler<MergeCase, CaseChanged>
{
    private static readonly string[] Finished = CaseStatuses.Finished.Select(s => s.Code()).ToArray();

    protected override async Task<CaseChanged> Handle(MergeCase request, Work work, CancellationToken ct)
    {
        if (request.IntoCaseId == request.CaseId) throw Field(CaseRules.MergeIntoItself);
        var current = await CaseWrites.BeginAsync(work, request, CaseAction.Merge);

        var parameters = new DynamicParameters(CaseAccess.Parameters(work.Actor));
        parameters.Add("into", request.IntoCaseId);
        var target = await work.Connection.QuerySingleOrDefaultAsync<(string Status, string OwnerPath)?>($"""
            SELECT c.status, o.path FROM cases c JOIN org_units o ON o.id = c.owner_unit_id
            WHERE c.id = @into AND {CaseAccess.ReadableSql}
            """, parameters, work.Transaction);
        if (target is not { } into || !work.Actor.Covers(into.OwnerPath)) throw Field(CaseRules.MergeTargetUnknown);
        if (Finished.Contains(into.Status)) throw Field(CaseRules.MergeTargetFinished);

        var args = new { from = request.CaseId, into = request.IntoCaseId, work.Now };
        var moved = await work.Connection.ExecuteAsync("UPDATE reports SET case_id = @into WHERE case_id = @from", args, work.Transaction);
        // The target may already hold the same unit or band; its row is enough, the source's goes.
        await work.Connection.ExecuteAsync("""
            INSERT INTO case_reporter_units (case_id, unit_id) SELECT @into, unit_id FROM case_reporter_units WHERE case_id = @from ON CONFLICT DO NOTHING;
            DELETE FROM case_reporter_units WHERE case_id = @from;
            INSERT INTO case_text_bands (band_key, case_id, report_id) SELECT band_key, @into, report_id FROM case_text_bands WHERE case_id = @from ON CONFLICT DO NOTHING;
            DELETE FROM case_text_bands WHERE case_id = @from;
            """, args, work.Transaction);

        var paths = await work.Connection.QueryAsync<string>(
            "SELECT o.path FROM case_reporter_units cru JOIN org_units o ON o.id = cru.unit_id WHERE cru.case_id = @into", args, work.Transaction);
        var owner = paths.Aggregate(into.OwnerPath, (path, next) => PathOf(Intake.CommonAncestor(path, next), path, next));
        var ownerId = long.Parse(owner.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1], System.Globalization.CultureInfo.InvariantCulture);

        await work.Connection.ExecuteAsync($"""
            UPDATE cases
            SET report_count = (SELECT count(*) FROM reports WHERE case_id = @into),
                first_reported_at = {work.Connection.Least("first_reported_at", "(SELECT first_reported_at FROM cases WHERE id = @from)")},
                last_reported_at = {work.Connection.Greatest("last_reported_at", "(SELECT last_reported_at FROM cases WHERE id = @from)")},
                version = version + 1,
                updated_at = @Now,
                owner_unit_id = @ownerId,
                queue_id = CASE WHEN queue_id = (SELECT id FROM queues WHERE unit_id = owner_unit_id AND is_inbox = TRUE)
                                THEN (SELECT id FROM queues WHERE unit_id = @ownerId AND is_inbox = TRUE)
                                ELSE queue_id END
            WHERE id = @into
            """, new { args.from, args.into, args.Now, ownerId }, work.Transaction);

        var changed = await CaseWrites.CommitAsync(work, current, "merged_into_case_id = @into, report_count = 0", new { args.into });
        // Search and similar cases must find the source's claims under the case that now holds them.
        await CaseSearch.RefreshAsync(work.Connection, work.Transaction, request.IntoCaseId);
        await CaseSearch.RefreshAsync(work.Connection, work.Transaction, request.CaseId);
        work.Detail("mergedIntoCaseId", request.IntoCaseId);
        work.AnnounceCase(request.IntoCaseId);
        work.Detail("reportsMoved", moved);
        return changed;
    }

    /// <summary>The path of the common ancestor: it is a prefix of both, ending at that unit's id.</summary>
    private static string PathOf(long ancestor, string a, string b)
    {
        var segment = "/" + ancestor.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/";
        var at = a.IndexOf(segment, StringComparison.Ordinal);
        return at >= 0 ? a[..(at + segment.Length)] : throw new InvalidOperationException($"{ancestor} is not on {a} and {b}.");
    }

    private ValidationFailedException Field(string key) =>
        new(new Dictionary<string, string[]> { ["intoCaseId"] = [localizer[key]] });
}
