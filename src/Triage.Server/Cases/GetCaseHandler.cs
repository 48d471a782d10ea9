using System.Data.Common;
using Dapper;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Cases;

/// <summary>
/// The case page's and the API's read model. Reporters are protected: reviewers (and admins) who may
/// read the case see who reported; anyone else, a member or a responder, sees only their own name.
/// </summary>
public sealed class GetCaseHandler(Db db, TimeProvider clock) : QueryHandler<GetCase, CaseDetail>(db)
{
    protected override async Task<CaseDetail> Handle(GetCase request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var c = await connection.QuerySingleOrDefaultAsync<CaseRow>("""
            SELECT c.id AS Id, c.status AS Status, c.version AS Version, c.title AS Title, c.report_count AS ReportCount,
                   c.reporter_unit_count AS ReporterUnits, c.platform_count AS Platforms, c.priority_boost AS Boost,
                   c.verdict AS Verdict, c.category AS Category, c.severity AS Severity, c.outcome AS Outcome,
                   c.merged_into_case_id AS MergedIntoCaseId, c.first_reported_at AS FirstReportedAt,
                   c.classification_note AS ClassificationNote, o.path AS UnitPath, o.id AS UnitId, o.code AS UnitCode, o.name AS UnitName,
                   a.id AS AssigneeId, a.email AS AssigneeEmail, a.name AS AssigneeName
            FROM cases c JOIN org_units o ON o.id = c.owner_unit_id LEFT JOIN users a ON a.id = c.assignee_user_id
            WHERE c.id = @CaseId
            """, new { request.CaseId }) ?? throw new NotFoundException("Case");

        var techniques = (await connection.QueryAsync<string>(
            "SELECT technique_id FROM case_techniques WHERE case_id = @CaseId ORDER BY technique_id", new { request.CaseId })).ToList();
        var evidence = (await connection.QueryAsync<(long ReportId, string Sha256)>("""
            SELECT e.report_id, e.sha256 FROM report_evidence e JOIN reports r ON r.id = e.report_id
            WHERE r.case_id = @CaseId ORDER BY e.report_id, e.position
            """, new { request.CaseId })).ToLookup(e => e.ReportId, e => e.Sha256);
        var seesEveryone = actor.Has(Role.Reviewer);
        var reports = (await connection.QueryAsync<ReportRow>("""
            SELECT r.id AS Id, r.url_raw AS Url, r.url_canonical AS CanonicalUrl, r.platform AS Platform, r.text AS Text,
                   r.category AS Category, r.note AS Note, r.submitted_at AS SubmittedAt, r.reporter_pseudonym IS NOT NULL AS Erased,
                   u.id AS ReporterId, u.email AS ReporterEmail, u.name AS ReporterName
            FROM reports r JOIN users u ON u.id = r.reporter_user_id
            WHERE r.case_id = @CaseId ORDER BY r.submitted_at, r.id
            """, new { request.CaseId }))
            .Select(r => new CaseReport(r.Id, r.Url, r.CanonicalUrl, r.Platform, r.Text, r.Category, r.Note, r.SubmittedAt,
                [.. evidence[r.Id]],
                // An erased report (decision 0020) names nobody, to anyone.
                !r.Erased && (seesEveryone || r.ReporterId == actor.UserId) ? new Person(r.ReporterId, r.ReporterEmail, r.ReporterName) : null))
            .ToList();

        var status = CaseStatuses.Parse(c.Status);
        var priority = CasePriority.Of(c.ReportCount, c.ReporterUnits, c.Platforms, c.Severity,
            clock.GetUtcNow() - c.FirstReportedAt, CaseStatuses.Open.Contains(status), c.Boost);
        return new CaseDetail(c.Id, status, c.Version, c.Title, c.ReportCount, c.Verdict, c.Category, c.Severity, techniques, priority,
            new UnitRef(c.UnitId, c.UnitCode, c.UnitName),
            c.AssigneeId is { } assignee ? new Person(assignee, c.AssigneeEmail!, c.AssigneeName!) : null,
            c.Outcome, c.MergedIntoCaseId, c.FirstReportedAt, reports)
        {
            ClassificationNote = c.ClassificationNote,
            MayAct = actor.Has(Role.Reviewer) && actor.Covers(c.UnitPath),
        };
    }

    private sealed class CaseRow
    {
        public long Id { get; init; }
        public string Status { get; init; } = "";
        public long Version { get; init; }
        public string Title { get; init; } = "";
        public int ReportCount { get; init; }
        public int ReporterUnits { get; init; }
        public int Platforms { get; init; }
        public int Boost { get; init; }
        public string? Verdict { get; init; }
        public string? Category { get; init; }
        public int? Severity { get; init; }
        public string? Outcome { get; init; }
        public long? MergedIntoCaseId { get; init; }
        public DateTimeOffset FirstReportedAt { get; init; }
        public string? ClassificationNote { get; init; }
        public string UnitPath { get; init; } = "";
        public long UnitId { get; init; }
        public string UnitCode { get; init; } = "";
        public string UnitName { get; init; } = "";
        public long? AssigneeId { get; init; }
        public string? AssigneeEmail { get; init; }
        public string? AssigneeName { get; init; }
    }

    private sealed class ReportRow
    {
        public long Id { get; init; }
        public string? Url { get; init; }
        public string? CanonicalUrl { get; init; }
        public string? Platform { get; init; }
        public string? Text { get; init; }
        public string? Category { get; init; }
        public string? Note { get; init; }
        public DateTimeOffset SubmittedAt { get; init; }
        public bool Erased { get; init; }
        public long ReporterId { get; init; }
        public string ReporterEmail { get; init; } = "";
        public string ReporterName { get; init; } = "";
    }
}
