using System.Runtime.CompilerServices;
using Dapper;
using MediatR;
using Microsoft.Extensions.Options;
using Triage.Client.Exports;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Exports;

/// <summary>
/// Decision 0015: the pipeline has checked the caller when this returns; the rows are read later, one at a
/// time over a connection of their own (Dapper unbuffered), while the endpoint writes them out.
/// </summary>
public sealed class ExportReportsHandler(Db db, TimeProvider clock, IOptions<DeskOptions> desk)
    : IRequestHandler<ExportReports, ExportRows<ReportExportRow>>
{
    /// <summary>In id order, which is submission order, so the scan needs no sort; the subtree's units are a small set looked up per row.</summary>
    private const string Sql = """
        SELECT r.id AS Id, r.case_id AS CaseId, r.submitted_at AS SubmittedAt, r.platform AS Platform, r.url_canonical AS Url,
               r.text AS Text, r.category AS Category, r.reporter_user_id AS ReporterUserId,
               r.reporter_pseudonym AS ReporterPseudonym, o.code AS ReporterUnit
        FROM reports r JOIN org_units o ON o.id = r.reporter_unit_id
        WHERE r.submitted_at >= @start AND r.submitted_at < @end
          AND r.reporter_unit_id IN (SELECT id FROM org_units WHERE path >= @path AND path < @pathEnd)
        ORDER BY r.id
        """;

    public async Task<ExportRows<ReportExportRow>> Handle(ExportReports request, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var window = await ExportWindow.ResolveAsync(connection, request, RequestContext.Actor, clock, desk.Value.TimeZone);
        var pseudonyms = await ReporterPseudonyms.LoadAsync(connection, desk.Value.KeysDirectory, clock.GetUtcNow());
        return new ExportRows<ReportExportRow>(window.FileName("reports"), Read(window, pseudonyms, cancellationToken));
    }

    private async IAsyncEnumerable<ReportExportRow> Read(ExportWindow window, ReporterPseudonyms pseudonyms, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var pass = pseudonyms.Begin();
        await using var connection = await db.OpenAsync(ct);
        await foreach (var row in connection.QueryUnbufferedAsync<Row>(Sql, window.Args).WithCancellation(ct))
            yield return new ReportExportRow(row.Id, row.CaseId, row.SubmittedAt, row.Platform, row.Url, row.Text, row.Category,
                row.ReporterPseudonym ?? pass.Of(row.ReporterUserId), row.ReporterUnit);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public long CaseId { get; init; }
        public DateTimeOffset SubmittedAt { get; init; }
        public string? Platform { get; init; }
        public string? Url { get; init; }
        public string? Text { get; init; }
        public string? Category { get; init; }
        public long ReporterUserId { get; init; }
        /// <summary>Kept when the report was erased (decision 0020): the same value this pass would have given the reporter.</summary>
        public string? ReporterPseudonym { get; init; }
        public string ReporterUnit { get; init; } = "";
    }
}
