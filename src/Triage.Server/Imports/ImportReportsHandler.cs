using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Imports;
using Triage.Client.Layout;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Server.Pipeline;
using Triage.Server.Reports;

namespace Triage.Server.Imports;

/// <summary>
/// Files the valid rows of a CSV file through <see cref="Intake"/>, as the coordinator for the chosen unit, in the
/// command's one transaction: all of them or, should anything fail, none. A dry run does the very same work inside a
/// savepoint and rolls back to it, so what it answers (which rows open a case, which join one, including cases opened
/// by earlier rows of the same file) is what the import would do; what intake announced for open pages is dropped.
/// </summary>
public sealed class ImportReportsHandler(IStringLocalizer<Strings> localizer, DeskTime time) : CommandHandler<ImportReports, ImportedReports>
{
    private const string DryRunSavepoint = "import_dry_run";

    protected override async Task<ImportedReports> Handle(ImportReports request, Work work, CancellationToken ct)
    {
        var actor = work.Actor;
        var userId = actor.UserId ?? throw new ForbiddenException();
        var file = ImportFile.Read(request.File, localizer);
        var columns = file.Map(request.Columns, localizer);
        var unitId = request.UnitId ?? actor.UnitId ?? throw new ForbiddenException();
        var unitPath = await work.Connection.QuerySingleAsync<string>("SELECT path FROM org_units WHERE id = @unitId", new { unitId }, work.Transaction);
        var check = await ImportRowCheck.CreateAsync(work.Connection, work.Transaction, localizer, columns, file.Headers, time.Zone, work.Now);
        var rows = file.Records.Select(check.Check).ToList();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(request.File));

        if (request.DryRun) work.Transaction.Save(DryRunSavepoint);
        var importId = await work.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO imports (user_id, unit_id, file_name, sha256, rows, created, merged, skipped, created_at)
            VALUES (@userId, @unitId, @FileName, @sha256, @rows, 0, 0, 0, @Now)
            RETURNING id
            """, new { userId, unitId, request.FileName, sha256, rows = rows.Count, work.Now }, work.Transaction);

        // Intake's own audit details (routing of each case) and announcements go to a scratch Work: the import's
        // event speaks for the file, and a dry run must reach no open page.
        var intake = new Work(work.Connection, work.Transaction, actor, work.Now);
        var results = new List<ImportRow>(rows.Count);
        int created = 0, merged = 0;
        foreach (var row in rows)
        {
            if (row.Errors.Count > 0)
            {
                results.Add(new ImportRow(row.Line, false, row.Errors));
                continue;
            }
            var filed = await Intake.FileAsync(intake, new Filing(userId, unitId, unitPath, row.Url, row.Platform, row.Text, row.Category, row.Note,
                row.ReportedAt ?? work.Now, importId));
            if (filed.MatchedBy is null) created++;
            else merged++;
            results.Add(new ImportRow(row.Line, true, [], request.DryRun ? null : filed.CaseId, filed.MatchedBy));
        }
        var skipped = rows.Count - created - merged;

        work.Detail("dryRun", request.DryRun);
        work.Detail("sha256", sha256);
        work.Detail("bytes", request.File.Length);
        work.Detail("unitId", unitId);
        work.Detail("rows", rows.Count);
        work.Detail("created", created);
        work.Detail("merged", merged);
        work.Detail("skipped", skipped);
        if (request.DryRun)
        {
            work.Transaction.Rollback(DryRunSavepoint);
            work.Transaction.Release(DryRunSavepoint);
            return new ImportedReports(results, created, merged);
        }

        await work.Connection.ExecuteAsync(
            "UPDATE imports SET created = @created, merged = @merged, skipped = @skipped WHERE id = @importId",
            new { created, merged, skipped, importId }, work.Transaction);
        foreach (var caseId in intake.ChangedCases) work.AnnounceCase(caseId);
        work.Subject("import", importId);
        return new ImportedReports(results, created, merged) { ImportId = importId };
    }
}
