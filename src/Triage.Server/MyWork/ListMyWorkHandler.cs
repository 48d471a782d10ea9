using System.Data.Common;
using Dapper;
using Triage.Client.Cases;
using Triage.Client.MyWork;
using Triage.Client.Responses;
using Triage.Client.Units;
using Triage.Server.Cases;
using Triage.Server.Data;
using Triage.Server.Pipeline;
using Triage.Server.Sla;

namespace Triage.Server.MyWork;

/// <summary>
/// The caller's assignments. The filter is the caller's own user id, so no scope rule applies: a case assigned
/// to them is theirs to see whichever unit owns it.
/// </summary>
public sealed class ListMyWorkHandler(Db db, TimeProvider clock) : QueryHandler<ListMyWork, WorkList>(db)
{
    /// <summary>The statuses in which an assigned case still waits for its responder: an answer, then closing.</summary>
    public static readonly IReadOnlyList<CaseStatus> Working = [CaseStatus.Assigned, CaseStatus.Responded];

    /// <summary>
    /// Each message status ranked by its place in <see cref="ResponseStatus"/>, which lists them in the order a message
    /// moves through them. Codes of an enum, not input: safe to inline. Declared before <see cref="Sql"/>, which reads it:
    /// static fields initialise in the order they are written.
    /// </summary>
    private static readonly string AnswerRanks = string.Join(" ", Enum.GetValues<ResponseStatus>().Select(s => $"WHEN '{s.Code()}' THEN {(int)s}"));

    /// <summary>
    /// Public so a test can EXPLAIN it: the caller's rows come from migration 0003's (assignee_user_id, status) index,
    /// and only they are sorted. The highest rank is the case's most advanced message: a published answer outweighs a
    /// later draft. Without a pending due a case takes the queue's "no due" key, which sorts after every stored time.
    /// </summary>
    public static readonly string Sql = $"""
        SELECT c.id AS Id, c.title AS Title, c.status AS Status, c.version AS Version, c.verdict AS Verdict, c.category AS Category,
               c.severity AS Severity, c.priority AS Priority, c.report_count AS ReportCount,
               o.id AS UnitId, o.code AS UnitCode, o.name AS UnitName,
               c.sla_started_at AS SlaStartedAt, c.sla_due_at AS SlaDueAt,
               (SELECT max(CASE m.status {AnswerRanks} END) FROM counter_messages m WHERE m.case_id = c.id) AS AnswerRank
        FROM cases c JOIN org_units o ON o.id = c.owner_unit_id
        WHERE c.assignee_user_id = @me AND c.status IN ({string.Join(", ", Working.Select(s => $"'{s.Code()}'"))})
        ORDER BY coalesce(c.sla_due_at, '{QueueQuery.NoDue}'), c.priority DESC, c.id
        LIMIT @take
        """;

    protected override async Task<WorkList> Handle(ListMyWork request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        if (actor.UserId is not { } me) return new WorkList([], false);
        var limit = Math.Clamp(request.Limit, 1, ListMyWork.MaxLimit);
        var rows = (await connection.QueryAsync<Row>(Sql, new { me, take = limit + 1 })).ToList();

        var now = clock.GetUtcNow();
        return new WorkList(rows.Take(limit).Select(r => new MyCase(
            r.Id, r.Title, CaseStatuses.Parse(r.Status), r.Version, r.Verdict, r.Category, r.Severity, r.Priority,
            new UnitRef(r.UnitId, r.UnitCode, r.UnitName), r.ReportCount,
            GetCaseSlaHandler.Pending(r.Status, r.SlaStartedAt, r.SlaDueAt, now),
            r.AnswerRank is { } rank ? (ResponseStatus)rank : null)).ToList(), rows.Count > limit);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Status { get; init; } = "";
        public long Version { get; init; }
        public string? Verdict { get; init; }
        public string? Category { get; init; }
        public int? Severity { get; init; }
        public int Priority { get; init; }
        public int ReportCount { get; init; }
        public long UnitId { get; init; }
        public string UnitCode { get; init; } = "";
        public string UnitName { get; init; } = "";
        public DateTimeOffset? SlaStartedAt { get; init; }
        public DateTimeOffset? SlaDueAt { get; init; }
        public int? AnswerRank { get; init; }
    }
}
