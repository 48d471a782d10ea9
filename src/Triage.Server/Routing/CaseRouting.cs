using Triage.Server.Data;
using System.Data.Common;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Triage.Client.Cases;
using Triage.Client.Queue;
using Triage.Server.Cases;
using Triage.Server.Pipeline;
using Triage.Server.Queue;

namespace Triage.Server.Routing;

/// <summary>
/// Places a case by the routing rules (decision 0012): the enabled rules of its owner unit and of every
/// unit above, nearest unit first and then by position, loaded in one query; the first that applies
/// sets the case's queue and priority boost, and lifts the owner to the queue's unit when that unit is
/// above it. No rule applies: the case goes back to its owner's Inbox without boost.
/// Runs inside the command's transaction; the command's audit event says which rule placed the case.
/// </summary>
public static class CaseRouting
{
    public sealed record Placement(long CaseId, LoadedRule? Rule, long QueueId, string QueueName, long OwnerUnitId, string OwnerPath);

    public static async Task<Placement> ApplyAsync(Work work, long caseId)
    {
        var facts = await FactsAsync(work.Connection, work.Transaction, caseId);
        var rule = RuleEvaluator.FirstMatch(await LoadForAsync(work.Connection, work.Transaction, facts.OwnerPath), facts);

        var rises = rule is not null && rule.TargetUnitPath != facts.OwnerPath && facts.OwnerPath.StartsWith(rule.TargetUnitPath, StringComparison.Ordinal);
        var owner = rises ? rule!.TargetUnitId : facts.OwnerUnitId;
        var ownerPath = rises ? rule!.TargetUnitPath : facts.OwnerPath;
        var (queueId, queueName) = rule is not null
            ? (rule.TargetQueueId, rule.TargetQueueName)
            : await work.Connection.QuerySingleAsync<(long, string)>(
                "SELECT id, name FROM queues WHERE unit_id = @OwnerUnitId AND is_inbox = TRUE", new { facts.OwnerUnitId }, work.Transaction);
        var before = await work.Connection.ExecuteScalarAsync<long>("SELECT queue_id FROM cases WHERE id = @caseId", new { caseId }, work.Transaction);

        await work.Connection.ExecuteAsync("""
            UPDATE cases SET queue_id = @queueId, priority_boost = @boost, owner_unit_id = @owner WHERE id = @caseId
            """, new { queueId, boost = rule?.PriorityBoost ?? 0, owner, caseId }, work.Transaction);

        if (rule is not null || before != queueId)
        {
            work.Detail("routedQueueId", queueId);
            work.Detail("routedQueue", queueName);
        }
        if (rule is not null)
        {
            work.Detail("routedRuleId", rule.Id);
            work.Detail("routedRule", rule.Name);
            if (rule.PriorityBoost > 0) work.Detail("priorityBoost", rule.PriorityBoost);
            if (rises) work.Detail("ownerUnitId", owner);
        }
        return new Placement(caseId, rule, queueId, queueName, owner, ownerPath);
    }

    /// <summary>
    /// Re-routes a case just classified (rules on category, verdict or severity can only match now) and,
    /// when the placing rule names an automatic strategy and the case waits triaged without an assignee,
    /// assigns it by that strategy within the same command. No responder with room leaves it unassigned:
    /// the classification stands either way.
    /// </summary>
    public static async Task<CaseChanged> AfterClassificationAsync(Work work, CaseChanged classified)
    {
        var placement = await ApplyAsync(work, classified.Id);
        if (placement.Rule?.Strategy is not ({ } strategy and (AssignmentStrategy.RoundRobin or AssignmentStrategy.LeastLoad))
            || classified.Status != CaseStatus.Triaged)
            return classified;
        var assigned = await work.Connection.ExecuteScalarAsync<bool>(
            "SELECT assignee_user_id IS NOT NULL FROM cases WHERE id = @Id", new { classified.Id }, work.Transaction);
        if (assigned) return classified;

        var pick = await AssignCaseHandler.TryPickAsync(work, classified.Id, placement.OwnerUnitId, placement.OwnerPath, strategy);
        if (pick.ResponderId is not { } responder)
        {
            work.Detail("autoAssignSkipped", pick.Problem);
            return classified;
        }
        var current = new CaseWrites.Current(classified.Id, CaseStatus.Triaged, classified.Version, placement.OwnerUnitId, placement.OwnerPath,
            classified.Version, CaseStatus.Assigned);
        return await AssignCaseHandler.CommitAsync(work, current, responder);
    }

    /// <summary>The case as rules see it, with the search-folded text its similar-case row holds.</summary>
    public static async Task<CaseFacts> FactsAsync(DbConnection connection, DbTransaction? tx, long caseId)
    {
        var row = await connection.QuerySingleAsync<FactRow>("""
            SELECT c.id AS Id, c.owner_unit_id AS OwnerUnitId, o.path AS OwnerPath, c.platform AS Platform, c.category AS Category,
                   c.verdict AS Verdict, c.severity AS Severity, c.report_count AS ReportCount, s.title AS Title, s.body AS Body
            FROM cases c JOIN org_units o ON o.id = c.owner_unit_id LEFT JOIN case_search s ON s.rowid = c.id
            WHERE c.id = @caseId
            """, new { caseId }, tx);
        return row.ToFacts();
    }

    /// <summary>The enabled rules that may speak for a case owned at <paramref name="ownerPath"/>, in the order they are tried.</summary>
    public static async Task<IReadOnlyList<LoadedRule>> LoadForAsync(DbConnection connection, DbTransaction? tx, string ownerPath)
    {
        var units = ownerPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var rows = await connection.QueryAsync<RuleRow>($"""
            {RuleRow.Select}
            WHERE r.enabled = TRUE AND r.unit_id {connection.InList("@units")}
            ORDER BY o.depth DESC, r.position, r.id
            """, new { units }, tx);
        return rows.Select(r => r.ToRule()).ToList();
    }

    /// <summary>Columns of a rule joined to its unit <c>o</c>, its "within" unit <c>w</c> and its target queue <c>q</c> (unit <c>t</c>).</summary>
    public sealed class RuleRow
    {
        public const string Select = """
            SELECT r.id AS Id, r.name AS Name, r.unit_id AS UnitId, o.path AS UnitPath, r.position AS Position,
                   r.platforms AS Platforms, r.categories AS Categories, r.verdicts AS Verdicts, r.severities AS Severities,
                   r.min_severity AS MinSeverity, r.keywords_folded AS Keywords, w.path AS WithinPath, r.min_reports AS MinReports,
                   q.id AS TargetQueueId, q.name AS TargetQueueName, t.id AS TargetUnitId, t.path AS TargetUnitPath,
                   r.priority_boost AS PriorityBoost, r.assignment_strategy AS Strategy
            FROM routing_rules r
            JOIN org_units o ON o.id = r.unit_id
            JOIN queues q ON q.id = r.target_queue_id
            JOIN org_units t ON t.id = q.unit_id
            LEFT JOIN org_units w ON w.id = r.within_unit_id
            """;

        public long Id { get; init; }
        public string Name { get; init; } = "";
        public long UnitId { get; init; }
        public string UnitPath { get; init; } = "";
        public int Position { get; init; }
        public string? Platforms { get; init; }
        public string? Categories { get; init; }
        public string? Verdicts { get; init; }
        public string? Severities { get; init; }
        public int? MinSeverity { get; init; }
        public string? Keywords { get; init; }
        public string? WithinPath { get; init; }
        public int? MinReports { get; init; }
        public long TargetQueueId { get; init; }
        public string TargetQueueName { get; init; } = "";
        public long TargetUnitId { get; init; }
        public string TargetUnitPath { get; init; } = "";
        public int PriorityBoost { get; init; }
        public string? Strategy { get; init; }

        public LoadedRule ToRule()
        {
            var parsed = Parsed.TryGetValue((Platforms, Categories, Verdicts, Severities, Keywords), out var known) ? known : Parse();
            return new LoadedRule(Id, Name, UnitId, UnitPath, Position,
                parsed.Platforms, parsed.Categories, parsed.Verdicts, parsed.Severities, MinSeverity, parsed.Keywords, WithinPath, MinReports,
                TargetQueueId, TargetQueueName, TargetUnitId, TargetUnitPath, PriorityBoost,
                Strategy is null ? null : QueueStrategies.Parse(Strategy));
        }

        private Conditions Parse()
        {
            // Keyed by the stored text itself, so an edited rule (or another database in the same process) never reads stale
            // lists; when edits pile up, start over rather than track which are unused.
            if (Parsed.Count > 10_000) Parsed.Clear();
            var parsed = new Conditions(Set<string>(Platforms), Set<string>(Categories), Set<string>(Verdicts), Set<int>(Severities),
                Keywords is null ? null : JsonSerializer.Deserialize<string[]>(Keywords));
            Parsed[(Platforms, Categories, Verdicts, Severities, Keywords)] = parsed;
            return parsed;
        }

        private static HashSet<T>? Set<T>(string? json) => json is null ? null : JsonSerializer.Deserialize<HashSet<T>>(json);
    }

    /// <summary>The JSON lists of each distinct rule, parsed once: parsing was most of the cost of loading a hundred rules.</summary>
    private static readonly ConcurrentDictionary<(string?, string?, string?, string?, string?), Conditions> Parsed = new();

    private sealed record Conditions(
        IReadOnlySet<string>? Platforms, IReadOnlySet<string>? Categories, IReadOnlySet<string>? Verdicts, IReadOnlySet<int>? Severities,
        IReadOnlyList<string>? Keywords);

    public class FactRow
    {
        public long Id { get; init; }
        public long OwnerUnitId { get; init; }
        public string OwnerPath { get; init; } = "";
        public string? Platform { get; init; }
        public string? Category { get; init; }
        public string? Verdict { get; init; }
        public int? Severity { get; init; }
        public int ReportCount { get; init; }
        public string? Title { get; init; }
        public string? Body { get; init; }

        public CaseFacts ToFacts() => new(Id, OwnerUnitId, OwnerPath, Platform, Category, Verdict, Severity, ReportCount,
            string.IsNullOrEmpty(Body) ? Title ?? "" : (Title ?? "") + " " + Body);
    }
}
