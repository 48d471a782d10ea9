using System.Runtime.CompilerServices;
using Dapper;
using MediatR;
using Microsoft.Extensions.Options;
using Triage.Client.Exports;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Exports;

/// <summary>Decision 0015, as for reports: checked by the pipeline now, read row by row while the endpoint writes.</summary>
public sealed class ExportCasesHandler(Db db, TimeProvider clock, IOptions<DeskOptions> desk)
    : IRequestHandler<ExportCases, ExportRows<CaseExportRow>>
{
    /// <summary>
    /// Cases keep no closing time of their own; the audit trail has it, found through its (entity_type, entity_id)
    /// index. Only the assignee's unit is given: staff are named inside the desk, not in files that leave it.
    /// </summary>
    private const string Sql = """
        SELECT c.id AS Id, c.status AS Status, c.title AS Title, c.verdict AS Verdict, c.category AS Category,
               c.severity AS Severity, c.priority AS Priority, o.code AS OwnerUnit, c.report_count AS ReportCount,
               c.first_reported_at AS FirstReportedAt, c.last_reported_at AS LastReportedAt,
               (SELECT au.code FROM users a JOIN org_units au ON au.id = a.unit_id WHERE a.id = c.assignee_user_id) AS AssigneeUnit,
               c.outcome AS Outcome,
               CASE WHEN c.status IN ('closed', 'dismissed') THEN
                   (SELECT max(e.occurred_at) FROM audit_events e
                    WHERE e.entity_type = 'case' AND e.entity_id = CAST(c.id AS TEXT) AND e.action IN ('CloseCase', 'DismissCase'))
               END AS ClosedAt,
               f.published_url AS FirstResponseUrl, f.published_at AS FirstResponseAt
        FROM cases c
        JOIN org_units o ON o.id = c.owner_unit_id
        LEFT JOIN counter_messages f ON f.id =
            (SELECT m.id FROM counter_messages m WHERE m.case_id = c.id AND m.status = 'published' ORDER BY m.published_at, m.id LIMIT 1)
        WHERE c.first_reported_at >= @start AND c.first_reported_at < @end
          AND c.owner_unit_id IN (SELECT id FROM org_units WHERE path >= @path AND path < @pathEnd)
        ORDER BY c.id
        """;

    public async Task<ExportRows<CaseExportRow>> Handle(ExportCases request, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var window = await ExportWindow.ResolveAsync(connection, request, RequestContext.Actor, clock, desk.Value.TimeZone);
        return new ExportRows<CaseExportRow>(window.FileName("cases"), Read(window, cancellationToken));
    }

    private async IAsyncEnumerable<CaseExportRow> Read(ExportWindow window, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await foreach (var row in connection.QueryUnbufferedAsync<Row>(Sql, window.Args).WithCancellation(ct))
            yield return new CaseExportRow(row.Id, row.Status, row.Title, row.Verdict, row.Category, row.Severity, row.Priority,
                row.OwnerUnit, row.ReportCount, row.FirstReportedAt, row.LastReportedAt, row.AssigneeUnit, row.Outcome,
                row.ClosedAt, row.FirstResponseUrl, row.FirstResponseAt);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Status { get; init; } = "";
        public string Title { get; init; } = "";
        public string? Verdict { get; init; }
        public string? Category { get; init; }
        public long? Severity { get; init; }
        public long Priority { get; init; }
        public string OwnerUnit { get; init; } = "";
        public long ReportCount { get; init; }
        public DateTimeOffset FirstReportedAt { get; init; }
        public DateTimeOffset LastReportedAt { get; init; }
        public string? AssigneeUnit { get; init; }
        public string? Outcome { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }
        public string? FirstResponseUrl { get; init; }
        public DateTimeOffset? FirstResponseAt { get; init; }
    }
}
