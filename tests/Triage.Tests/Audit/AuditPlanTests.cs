using Dapper;
using Triage.Client.Audit;
using Triage.Server.Audit;
using Triage.Tests.Support;

namespace Triage.Tests.Audit;

/// <summary>The log's own SQL, as the handler builds it, through EXPLAIN QUERY PLAN (no ANALYZE, as on a live desk).</summary>
public sealed class AuditPlanTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();
    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private async Task<List<string>> Plan(AuditQuery.Query query)
    {
        await using var connection = await _desk.Db.OpenAsync();
        return (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + query.Sql, query.Parameters))
            .Select(r => r.Detail).ToList();
    }

    public static TheoryData<string, string> Walks => new()
    {
        { "none", "SEARCH e USING INTEGER PRIMARY KEY (rowid<?)" },
        { "actor", "USING INDEX ix_audit_events_actor (actor_user_id=? AND rowid<?)" },
        { "system", "USING INDEX ix_audit_events_actor (actor_user_id=? AND rowid<?)" },
        { "case", "USING INDEX ix_audit_events_entity (entity_type=? AND entity_id=? AND rowid<?)" },
        { "action", "USING INDEX ix_audit_events_action (action=? AND rowid<?)" },
    };

    private static (ListAuditEvents Filter, AuditActor? Actor) FilterOf(string name) => name switch
    {
        "none" => (new ListAuditEvents(), null),
        "actor" => (new ListAuditEvents(), new AuditActor(3)),
        "system" => (new ListAuditEvents(), AuditActor.System),
        "case" => (new ListAuditEvents { CaseId = 42 }, null),
        "action" => (new ListAuditEvents { Action = "ClassifyCase" }, null),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [SqliteTheory]
    [MemberData(nameof(Walks))]
    public async Task Each_filter_walks_down_its_index_from_the_cursor_without_sorting(string filter, string walk)
    {
        var (request, actor) = FilterOf(filter);

        var plan = await Plan(AuditQuery.Build(request, actor, before: 1000, take: 51));

        Assert.Contains(plan, step => step.StartsWith("SEARCH e ", StringComparison.Ordinal) && step.EndsWith(walk, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN e", StringComparison.Ordinal));
    }

    [SqliteFact]
    public async Task A_period_alone_reads_only_its_range_of_the_time_index()
    {
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

        var plan = await Plan(AuditQuery.Build(new ListAuditEvents { From = from, To = from.AddDays(7) }, null, before: 1000, take: 51));

        Assert.Contains(plan, step => step.StartsWith("SEARCH e USING", StringComparison.Ordinal) && step.Contains("INDEX ix_audit_events_time (occurred_at>? AND occurred_at<?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN e", StringComparison.Ordinal));
        Assert.DoesNotContain("OFFSET", AuditQuery.Build(new ListAuditEvents { From = from }, null, null, 51).Sql, StringComparison.OrdinalIgnoreCase);
    }
}
