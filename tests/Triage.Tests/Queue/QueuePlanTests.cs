using Dapper;
using Triage.Client.Cases;
using Triage.Server.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Queue;

/// <summary>The queue's own SQL, as the handler builds it, through EXPLAIN QUERY PLAN.</summary>
public sealed class QueuePlanTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        for (var i = 0; i < 40; i++)
            await _desk.SeedCase(new QueueDesk.Seed(Unit: i % 2 == 0 ? "D1-C1" : "D2-C2", Reports: 1 + i % 4, AgeHours: i, Severity: i % 3 == 0 ? 2 : null));
        await _desk.Execute("ANALYZE main;");
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private async Task<List<string>> Plan(QueueQuery.Query query)
    {
        await using var connection = await _desk.Db.OpenAsync();
        return (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + query.Sql, query.Parameters))
            .Select(r => r.Detail).ToList();
    }

    private static QueueCursor After(CaseSort sort) => sort switch
    {
        CaseSort.Priority or CaseSort.Reports => new QueueCursor(sort, 3L, 7),
        _ => new QueueCursor(sort, "2026-11-25T08:00:00.0000000Z", 7),
    };

    public static TheoryData<CaseSort, string> Orders => new()
    {
        { CaseSort.Priority, "ix_cases_queue_priority" },
        { CaseSort.Age, "ix_cases_queue_age" },
        { CaseSort.Reports, "ix_cases_queue_reports" },
        { CaseSort.Recent, "ix_cases_queue_recent" },
        { CaseSort.Sla, "ix_cases_queue_sla" },
    };

    [SqliteTheory]
    [MemberData(nameof(Orders))]
    public async Task Every_order_walks_its_index_from_the_cursor_without_sorting_or_skipping(CaseSort sort, string index)
    {
        var first = QueueQuery.Build(new ListCases { Sort = sort }, "/1/2/", null, 51)!;
        var deep = QueueQuery.Build(new ListCases { Sort = sort }, "/1/2/", After(sort), 51)!;

        foreach (var query in new[] { first, deep })
        {
            var plan = await Plan(query);
            Assert.Contains(plan, step => step.StartsWith("SCAN c USING INDEX " + index, StringComparison.Ordinal) ||
                                          step.StartsWith("SEARCH c USING INDEX " + index, StringComparison.Ordinal));
            Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, step => step is "SCAN c" || step.StartsWith("SCAN c USING INDEX ix_cases_owner", StringComparison.Ordinal));
            Assert.DoesNotContain("OFFSET", query.Sql, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains(await Plan(deep), step => step.StartsWith("SEARCH c USING INDEX " + index, StringComparison.Ordinal));
    }

    [SqliteFact]
    public async Task The_default_queue_with_every_filter_still_walks_the_priority_index()
    {
        var query = QueueQuery.Build(new ListCases
        {
            Statuses = [CaseStatus.New, CaseStatus.Assigned], QueueId = 3, Assigned = false, Platform = "zalo", Category = "health",
            Verdict = "false", Severity = 2,
        }, "/1/", After(CaseSort.Priority), 51)!;

        var plan = await Plan(query);

        Assert.Contains(plan, step => step.StartsWith("SEARCH c USING INDEX ix_cases_queue_priority (priority<?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.DoesNotContain("OFFSET", query.Sql, StringComparison.OrdinalIgnoreCase);
    }

    [SqliteFact]
    public async Task A_search_starts_from_the_full_text_hits_and_reads_each_case_by_its_id()
    {
        var plan = await Plan(QueueQuery.Build(new ListCases { Q = "dau tranh" }, "/1/", null, 51)!);

        Assert.StartsWith("SCAN case_search VIRTUAL TABLE", plan.First(p => p.Contains("case_search", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(plan, step => step.StartsWith("SEARCH c USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
    }

    [SqliteFact]
    public async Task A_search_with_many_hits_walks_the_priority_index_and_keeps_the_hits()
    {
        var query = QueueQuery.Build(new ListCases { Q = "tin" }, "/1/", After(CaseSort.Priority), 51, SearchHits.Many)!;

        var plan = await Plan(query);

        Assert.Contains(plan, step => step.StartsWith("SEARCH c USING INDEX ix_cases_queue_priority", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SCAN case_search VIRTUAL TABLE", StringComparison.Ordinal));
    }

    [SqliteFact]
    public async Task A_search_most_cases_match_walks_the_priority_index_and_asks_the_index_about_each_case_it_passes()
    {
        var query = QueueQuery.Build(new ListCases { Q = "tin" }, "/1/", After(CaseSort.Priority), 51, SearchHits.Dense)!;

        var plan = await Plan(query);

        var walk = plan.FindIndex(step => step.StartsWith("SEARCH c USING INDEX ix_cases_queue_priority", StringComparison.Ordinal));
        // FTS5's plan string: "=" is a rowid lookup, "M" the MATCH; inside the walk, once per case passed.
        var probe = plan.FindIndex(step => step.Contains("case_search", StringComparison.Ordinal) && step.Contains("=M", StringComparison.Ordinal));
        Assert.True(walk >= 0 && probe > walk, string.Join(" / ", plan));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [SqliteTheory]
    [InlineData(100, 200_000, SearchHits.Few)]
    [InlineData(QueueQuery.ManyHits, 200_000, SearchHits.Many)]
    [InlineData(49_999, 200_000, SearchHits.Many)]
    [InlineData(50_000, 200_000, SearchHits.Dense)]
    [InlineData(QueueQuery.ManyHits, 3_000, SearchHits.Dense)]
    [InlineData(QueueQuery.ManyHits - 1, 3_000, SearchHits.Few)]
    public void A_search_is_dense_from_a_quarter_of_all_cases_and_never_below_the_many_hits_mark(long counted, long cases, SearchHits expected) =>
        Assert.Equal(expected, QueueQuery.HitsOf(counted, QueueQuery.DenseFrom(cases)));

    [SqliteTheory]
    [InlineData(null, false)]
    [InlineData((long)QueueQuery.ManyHits, true)]
    [InlineData((long)QueueQuery.ManyHits * QueueQuery.DenseShare, true)]
    [InlineData((long)QueueQuery.ManyHits * QueueQuery.DenseShare + 1, false)]
    public void Only_a_search_whose_hits_come_close_together_is_counted_further(long? rowidOfManyth, bool counted) =>
        Assert.Equal(counted, QueueQuery.MayBeDense(rowidOfManyth));
}
