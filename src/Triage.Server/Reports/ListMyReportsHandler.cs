using System.Data.Common;
using System.Globalization;
using Dapper;
using Triage.Client.Cases;
using Triage.Client.Reports;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Reports;

public sealed class ListMyReportsHandler(Db db) : QueryHandler<ListMyReports, MyReportPage>(db)
{
    public const int MaxLimit = 100;

    protected override async Task<MyReportPage> Handle(ListMyReports request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var limit = Math.Clamp(request.Limit, 1, MaxLimit);
        // The first counter-message that went out is the answer a reporter is shown; later ones are follow-ups.
        var rows = (await connection.QueryAsync<Row>("""
            SELECT r.id AS ReportId, r.case_id AS CaseId, r.submitted_at AS SubmittedAt, c.status AS Status, c.verdict AS Verdict,
                   (SELECT m.published_url FROM counter_messages m WHERE m.case_id = c.id AND m.status = 'published'
                    ORDER BY m.published_at, m.id LIMIT 1) AS CounterMessageUrl,
                   r.url_raw AS Url, r.text AS Text, r.platform AS Platform,
                   (SELECT count(*) FROM report_evidence e WHERE e.report_id = r.id) AS ScreenshotCount
            FROM reports r JOIN cases c ON c.id = r.case_id
            WHERE r.reporter_user_id = @UserId AND (@Before IS NULL OR r.id < @Before)
            ORDER BY r.id DESC
            LIMIT @take
            """, new { actor.UserId, request.Before, take = limit + 1 })).AsList();
        var items = rows.Take(limit).Select(r => new MyReport(r.ReportId, r.CaseId, DapperSetup.Parse(r.SubmittedAt),
            CaseStatuses.Parse(r.Status), r.Verdict, r.CounterMessageUrl, r.Url, r.Text, r.Platform, r.ScreenshotCount)).ToList();
        return new MyReportPage(items, rows.Count > limit ? items[^1].ReportId.ToString(CultureInfo.InvariantCulture) : null);
    }

    private sealed class Row
    {
        public long ReportId { get; init; }
        public long CaseId { get; init; }
        public string SubmittedAt { get; init; } = "";
        public string Status { get; init; } = "";
        public string? Verdict { get; init; }
        public string? CounterMessageUrl { get; init; }
        public string? Url { get; init; }
        public string? Text { get; init; }
        public string? Platform { get; init; }
        public long ScreenshotCount { get; init; }
    }
}
