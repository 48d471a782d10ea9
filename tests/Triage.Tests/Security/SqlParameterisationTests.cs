namespace Triage.Tests.Security;

/// <summary>
/// Every value reaches SQLite as a Dapper parameter. SQL text may be built from pieces only where every piece is
/// fixed in the source; those few places are listed here with what they splice, and the list must stay exact.
/// </summary>
public sealed class SqlParameterisationTests
{
    /// <summary>(file, spliced expression) → why it cannot carry input.</summary>
    private static readonly Dictionary<(string File, string Spliced), string> SplicesOnlyConstants = new()
    {
        [("src/Triage.Server/Audit/ListAuditEventsHandler.cs", "(where.Count > 0 ? \"WHERE \" + string.Join(\"\\n  AND \", where) : \"\")")] =
            "where holds only the literal terms handed to the local Add(); each value goes into DynamicParameters beside it.",
        [("src/Triage.Server/Cases/CaseWrites.cs", "(set is null ? \"\" : \", \" + set)")] =
            "set is a literal SET clause at every caller (Callers_of_sql_fragment_helpers_pass_literals).",
        [("src/Triage.Server/Cases/FindSimilarCasesHandler.cs", "Pool")] = "An int computed from two constants.",
        [("src/Triage.Server/Cases/ListCasesHandler.cs", "order.Column")] = "A column from OrderOf's fixed table; an unknown sort throws.",
        [("src/Triage.Server/Cases/ListCasesHandler.cs", "from")] = "One of two literal FROM clauses.",
        [("src/Triage.Server/Cases/ListCasesHandler.cs", "string.Join(\"\\n  AND \", where)")] =
            "where holds literal terms and enum codes; the search text and every value go into DynamicParameters.",
        [("src/Triage.Server/Cases/ListCasesHandler.cs", "direction")] = "\" DESC\" or \"\", from the fixed order.",
        [("src/Triage.Server/Cases/ListCasesHandler.cs", "matches")] = "Dialect.TextMatch over a literal table and parameter name, by engine.",
        [("src/Triage.Server/Cases/ListCasesHandler.cs", "inScope")] = "Dialect.InSubtree over a literal column and parameter name, by engine.",
        [("src/Triage.Server/Cases/ListCasesHandler.cs", "join")] = "\"JOIN\" or \"CROSS JOIN\", by engine.",
        [("src/Triage.Server/Data/CopyToPostgres.cs", "string.Join(\", \", columns.Select(c => table.IsFts5 && c.Name == \"rowid\" ? \"rowid\" : Quote(c.Name)))")] =
            "Column names read from the source's own schema (pragma_table_info), each quoted as an identifier.",
        [("src/Triage.Server/Data/CopyToPostgres.cs", "Quote(table.Name)")] = "A table name read from the source's own schema, quoted as an identifier.",
        [("src/Triage.Server/Data/CopyToPostgres.cs", "Quote(column)")] = "An identity column named by the target's information_schema, quoted as an identifier.",
        [("src/Triage.Server/Data/CopyToPostgres.cs", "Quote(table)")] = "A table named by the target's information_schema, quoted as an identifier.",
        [("src/Triage.Server/Data/Dialect.cs", "column")] =
            "A fragment handed to Dialect; every call must pass constants (IsConstant accepts a Dialect call only then).",
        [("src/Triage.Server/Data/Dialect.cs", "parameter")] =
            "A parameter name handed to Dialect; every call must pass constants (IsConstant accepts a Dialect call only then).",
        [("src/Triage.Server/Cases/PriorityRefresher.cs", "PrioritySql.Score(connection, \"@now\")")] =
            "The score formula from CasePriority's constants around the literal parameter name @now.",
        [("src/Triage.Server/Cases/PriorityRefresher.cs", "OpenStatuses")] = "The open statuses' enum codes, quoted.",
        [("src/Triage.Server/MyWork/ListMyWorkHandler.cs", "AnswerRanks")] = "A CASE over ResponseStatus enum codes and their numbers.",
        [("src/Triage.Server/MyWork/ListMyWorkHandler.cs", "string.Join(\", \", Working.Select(s => $\"'{s.Code()}'\"))")] =
            "Enum codes of a fixed list, quoted.",
        [("src/Triage.Server/Queue/ListQueuesHandler.cs", "where")] =
            "A literal condition at every caller (Callers_of_sql_fragment_helpers_pass_literals).",
        [("src/Triage.Server/Routing/ListRoutingRulesHandler.cs", "where")] =
            "A literal condition at every caller (Callers_of_sql_fragment_helpers_pass_literals).",
        [("src/Triage.Server/Reports/CaseGrouping.cs", "i")] = "A loop index naming the parameters @k0..@kN, built once from a constant count.",
        [("src/Triage.Server/Reports/CaseGrouping.cs", "string.Join(\", \", Enumerable.Range(0, NearDuplicates.Bands).Select(i => $\"(@k{i}, @caseId, @reportId)\"))")] =
            "The value tuples (@k0, …)…(@kN, …), built once from a constant count.",
        [("src/Triage.Server/Sla/GetUnitLoadHandler.cs", "OpenStatuses")] = "The open statuses' enum codes, quoted.",
        [("src/Triage.Server/Stats/GetStatsHandler.cs", "Open")] = "The open statuses' enum codes, quoted.",
        [("src/Triage.Server/Stats/GetStatsHandler.cs", "units")] = "A literal condition or the constant InTree.",
    };

    /// <summary>Helpers that splice a fragment their callers give them: (type, method, argument index).</summary>
    public static TheoryData<string, string, int> FragmentHelpers() => new()
    {
        { "CaseWrites", "CommitAsync", 2 },
        { "ListQueuesHandler", "ReadAsync", 1 },
        { "ListRoutingRulesHandler", "ReadAsync", 2 },
    };

    private static IReadOnlyList<SqlSplice> ScanDesk() =>
        SqlTextScanner.Scan(SourceTree.Files(".cs").Select(f => (f, SourceTree.Read(f))));

    [Fact]
    public void No_sql_text_splices_anything_but_constants_outside_the_reviewed_list()
    {
        var splices = ScanDesk();

        var unreviewed = splices.Where(s => !SplicesOnlyConstants.ContainsKey((s.File, s.Spliced)))
            .Select(s => $"{s.File}:{s.Line}: {{{s.Spliced}}}").ToList();
        Assert.True(unreviewed.Count == 0,
            "SQL built from a non-constant; pass the value as a Dapper parameter (@name) instead:\n" + string.Join("\n", unreviewed));
    }

    [Fact]
    public void Every_reviewed_splice_still_exists_and_says_why_it_is_safe()
    {
        var splices = ScanDesk().Select(s => (s.File, s.Spliced)).ToHashSet();

        Assert.All(SplicesOnlyConstants, entry =>
        {
            Assert.Contains(entry.Key, splices);
            Assert.False(string.IsNullOrWhiteSpace(entry.Value));
        });
    }

    [Theory]
    [MemberData(nameof(FragmentHelpers))]
    public void Callers_of_sql_fragment_helpers_pass_literals(string type, string method, int index)
    {
        var calls = SqlTextScanner.FragmentArguments(SourceTree.Files(".cs").Select(f => (f, SourceTree.Read(f))), type, method, index);

        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.True(c.Literal, $"{c.Call.File}:{c.Call.Line}: {type}.{method} must be given a literal, not {c.Call.Spliced}"));
    }

    [Fact]
    public void The_scan_finds_an_interpolated_or_concatenated_value_wherever_the_sql_is_built()
    {
        const string source = """"
            class Handler
            {
                const string Table = "cases";
                async Task Run(IDbConnection connection, string title, long id)
                {
                    await connection.QueryAsync<long>($"SELECT id FROM {Table} WHERE title = '{title}'");
                    var sql = "SELECT id FROM cases WHERE id = " + id + " ORDER BY id";
                    await connection.ExecuteAsync($$"""UPDATE cases SET title = '{{title.Trim()}}' WHERE id = @id""", new { id });
                    await connection.QueryAsync<long>($"SELECT {nameof(Handler)} FROM cases WHERE id = @id LIMIT {10}", new { id });
                    Log($"Loaded {title} from the desk");
                }
            }
            """";

        var splices = SqlTextScanner.Scan([("Handler.cs", source)]);

        Assert.Equal(["title", "id", "title.Trim()"], splices.Select(s => s.Spliced));
        Assert.Equal([6, 7, 8], splices.Select(s => s.Line));
    }
}
