using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Triage.Client.Exports;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Exports;

/// <summary>The same filters as the two exports, counted, so the page's expected row counts are the files' row counts.</summary>
public sealed class CountExportHandler(Db db, TimeProvider clock, IOptions<DeskOptions> desk) : QueryHandler<CountExport, ExportSize>(db)
{
    protected override async Task<ExportSize> Handle(CountExport request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var window = await ExportWindow.ResolveAsync(connection, request, actor, clock, desk.Value.TimeZone);
        var (cases, reports) = await connection.QuerySingleAsync<(long, long)>("""
            SELECT (SELECT count(*) FROM cases
                    WHERE first_reported_at >= @start AND first_reported_at < @end
                      AND owner_unit_id IN (SELECT id FROM org_units WHERE path >= @path AND path < @pathEnd)),
                   (SELECT count(*) FROM reports
                    WHERE submitted_at >= @start AND submitted_at < @end
                      AND reporter_unit_id IN (SELECT id FROM org_units WHERE path >= @path AND path < @pathEnd))
            """, window.Args);
        return new ExportSize(window.From, window.To, window.Unit, cases, reports);
    }
}
