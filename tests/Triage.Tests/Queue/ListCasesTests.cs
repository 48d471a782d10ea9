using System.Text;
using Dapper;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Server.Cases;
using Triage.Tests.Cases;
using Triage.Tests.Retention;
using Triage.Tests.Support;

namespace Triage.Tests.Queue;

public sealed class ListCasesTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync()
    {
        _desk = await TestDesk.CreateAsync();
        await _desk.AddUser("member2@demo.local", Role.Member, "D2-C1");
    }

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private Task<CasePage> List(string email, ListCases request) => _desk.SendAs(email, request);

    private async Task<List<long>> Ids(string email, ListCases request) => (await List(email, request)).Items.Select(i => i.Id).ToList();

    [Fact]
    public async Task A_reviewer_sees_the_open_cases_owned_in_their_subtree_and_nothing_of_a_sibling_district()
    {
        var mine = await _desk.NewCase(QueueDesk.Claim(1));
        var theirs = await _desk.NewCase(QueueDesk.Claim(2), "member2@demo.local");
        var dismissed = await _desk.NewCase(QueueDesk.Claim(3));
        await _desk.ForceStatus(dismissed, CaseStatus.Dismissed);

        Assert.Equal([mine], await Ids("reviewer@demo.local", new ListCases()));
        Assert.Equal([theirs], await Ids("reviewer2@demo.local", new ListCases()));
        Assert.Empty(await Ids("reviewer2@demo.local", new ListCases { Q = QueueDesk.Claim(1) }));
        Assert.Equal([mine, theirs], (await Ids("coordinator@demo.local", new ListCases())).Order());
        Assert.Equal([dismissed], await Ids("reviewer@demo.local", new ListCases { Statuses = [CaseStatus.Dismissed] }));

        var row = (await List("reviewer@demo.local", new ListCases())).Items.Single();
        Assert.Equal(("D1-C1", 1, CaseStatus.New), (row.Unit.Code, row.ReportCount, row.Status));
        Assert.Equal((await _desk.SendAs("reviewer@demo.local", new GetCase(mine))).Priority.Score, row.Priority);
    }

    [Fact]
    public async Task A_unit_or_queue_outside_the_callers_subtree_does_not_exist_for_them()
    {
        await _desk.NewCase(QueueDesk.Claim(1));
        var d1 = await _desk.UnitId("D1");
        var d1Inbox = await _desk.Scalar<long>("SELECT id FROM queues WHERE unit_id = @d1 AND is_inbox = TRUE", new { d1 });

        await Assert.ThrowsAsync<NotFoundException>(() => List("reviewer2@demo.local", new ListCases { UnitId = d1 }));
        await Assert.ThrowsAsync<NotFoundException>(() => List("reviewer2@demo.local", new ListCases { QueueId = d1Inbox }));
        await Assert.ThrowsAsync<NotFoundException>(() => List("reviewer2@demo.local", new ListCases { UnitId = 999_999 }));
        await Assert.ThrowsAsync<ForbiddenException>(() => List("member@demo.local", new ListCases()));
    }

    [Fact]
    public async Task The_unit_filter_narrows_to_that_units_subtree()
    {
        var c1 = await _desk.SeedCase(new QueueDesk.Seed(Unit: "D1-C1"));
        var c2 = await _desk.SeedCase(new QueueDesk.Seed(Unit: "D1-C2"));
        var d1 = await _desk.SeedCase(new QueueDesk.Seed(Unit: "D1"));

        Assert.Equal([c1], await Ids("reviewer@demo.local", new ListCases { UnitId = await _desk.UnitId("D1-C1") }));
        Assert.Equal([c1, c2, d1], (await Ids("reviewer@demo.local", new ListCases { UnitId = await _desk.UnitId("D1") })).Order());
        Assert.Equal([c1, c2, d1], (await Ids("coordinator@demo.local", new ListCases { UnitId = await _desk.UnitId("D1") })).Order());
    }

    public static TheoryData<string> Filters => new() { "platform", "category", "verdict", "severity", "assigned", "unassigned", "queue", "status" };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_keeps_exactly_the_matching_cases(string filter)
    {
        var plain = await _desk.SeedCase(new QueueDesk.Seed(Platform: "zalo"));
        var matching = await _desk.SeedCase(new QueueDesk.Seed(Status: CaseStatus.Assigned, Platform: "tiktok", Verdict: "false", Category: "health",
            Severity: 3, Assignee: "responder@demo.local"));
        var near = await _desk.SeedCase(new QueueDesk.Seed(Status: CaseStatus.Triaged, Platform: "facebook", Verdict: "misleading", Category: "politics",
            Severity: 1));
        var queue = await _desk.Scalar<long>("SELECT queue_id FROM cases WHERE id = @matching", new { matching });
        await _desk.Execute("""
            INSERT INTO queues (unit_id, name, created_at) SELECT owner_unit_id, 'Y tế', created_at FROM cases WHERE id = @matching;
            UPDATE cases SET queue_id = (SELECT max(id) FROM queues) WHERE id = @matching;
            """, new { matching });
        var special = await _desk.Scalar<long>("SELECT queue_id FROM cases WHERE id = @matching", new { matching });
        Assert.NotEqual(queue, special);

        var (request, expected) = filter switch
        {
            "platform" => (new ListCases { Platform = "tiktok" }, new[] { matching }),
            "category" => (new ListCases { Category = "health" }, [matching]),
            "verdict" => (new ListCases { Verdict = "false" }, [matching]),
            "severity" => (new ListCases { Severity = 3 }, [matching]),
            "assigned" => (new ListCases { Assigned = true }, [matching]),
            "unassigned" => (new ListCases { Assigned = false }, [plain, near]),
            "queue" => (new ListCases { QueueId = special }, [matching]),
            "status" => (new ListCases { Statuses = [CaseStatus.New, CaseStatus.Triaged] }, [plain, near]),
            _ => throw new ArgumentOutOfRangeException(nameof(filter)),
        };

        Assert.Equal(expected.Order(), (await Ids("reviewer@demo.local", request)).Order());
    }

    [Fact]
    public async Task Each_order_sorts_by_its_key_then_by_id()
    {
        // Priorities: reports 5 each, severity 20 unclassified, age in hours; chosen so every order differs.
        var a = await _desk.SeedCase(new QueueDesk.Seed(Reports: 1, AgeHours: 30, LastHoursAgo: 5));   // 5+20+30 = 55
        var b = await _desk.SeedCase(new QueueDesk.Seed(Reports: 6, AgeHours: 2, LastHoursAgo: 1));    // 30+20+2 = 52
        var c = await _desk.SeedCase(new QueueDesk.Seed(Reports: 2, AgeHours: 100, LastHoursAgo: 50)); // 10+20+48 = 78
        var d = await _desk.SeedCase(new QueueDesk.Seed(Reports: 1, AgeHours: 30, LastHoursAgo: 0.5)); // 55, ties with a

        Assert.Equal([c, a, d, b], await Ids("reviewer@demo.local", new ListCases()));
        Assert.Equal([c, a, d, b], await Ids("reviewer@demo.local", new ListCases { Sort = CaseSort.Priority }));
        Assert.Equal([c, a, d, b], await Ids("reviewer@demo.local", new ListCases { Sort = CaseSort.Age }));
        Assert.Equal([b, c, a, d], await Ids("reviewer@demo.local", new ListCases { Sort = CaseSort.Reports }));
        Assert.Equal([d, b, a, c], await Ids("reviewer@demo.local", new ListCases { Sort = CaseSort.Recent }));
    }

    [Theory]
    [InlineData(CaseSort.Priority)]
    [InlineData(CaseSort.Age)]
    [InlineData(CaseSort.Reports)]
    [InlineData(CaseSort.Recent)]
    public async Task Paging_returns_every_case_once_in_order_while_new_cases_arrive_between_pages(CaseSort sort)
    {
        var random = new Random(42);
        var seeded = new List<long>();
        for (var i = 0; i < 23; i++)
            seeded.Add(await _desk.SeedCase(new QueueDesk.Seed(Reports: random.Next(1, 4), AgeHours: random.Next(1, 4) * 10,
                LastHoursAgo: random.Next(0, 3), Severity: random.Next(0, 2) == 0 ? null : 2)));

        var seen = new List<CaseSummary>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await List("reviewer@demo.local", new ListCases { Sort = sort, Limit = 5, Cursor = cursor });
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
            await _desk.SeedCase(new QueueDesk.Seed(Reports: random.Next(1, 4), AgeHours: random.Next(1, 4) * 10, LastHoursAgo: random.Next(0, 3)));
        }
        while (cursor is not null && pages < 50);

        Assert.Null(cursor);
        Assert.Equal(seen.Count, seen.Select(s => s.Id).Distinct().Count());
        Assert.Subset(seen.Select(s => s.Id).ToHashSet(), seeded.ToHashSet());
        var key = (CaseSummary s) => sort switch
        {
            CaseSort.Priority => (-s.Priority, 0L, s.Id),
            CaseSort.Age => (0, s.FirstReportedAt.UtcTicks, s.Id),
            CaseSort.Reports => (-s.ReportCount, 0L, s.Id),
            _ => (0, -s.LastReportedAt.UtcTicks, s.Id),
        };
        Assert.Equal(seen.OrderBy(key).Select(s => s.Id), seen.Select(s => s.Id));
    }

    [Fact]
    public async Task The_last_page_has_no_next_cursor_and_a_full_page_has_one()
    {
        for (var i = 0; i < 4; i++) await _desk.SeedCase(new QueueDesk.Seed());

        var first = await List("reviewer@demo.local", new ListCases { Limit = 4 });
        var firstOfTwo = await List("reviewer@demo.local", new ListCases { Limit = 3 });
        var second = await List("reviewer@demo.local", new ListCases { Limit = 3, Cursor = firstOfTwo.NextCursor });

        Assert.Null(first.NextCursor);
        Assert.NotNull(firstOfTwo.NextCursor);
        Assert.Single(second.Items);
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task Searching_without_diacritics_finds_the_case_written_with_them()
    {
        var wanted = await _desk.NewCase("Kêu gọi đấu tranh chống lại chính quyền xã vì tin đồn thu hồi đất ruộng của bà con");
        await _desk.NewCase(QueueDesk.Claim(5));
        var elsewhere = await _desk.NewCase("Lời kêu gọi đấu tranh ở huyện bên cạnh, chia sẻ rộng rãi trên nhóm Zalo của phụ nữ", "member2@demo.local");

        Assert.Equal([wanted], await Ids("reviewer@demo.local", new ListCases { Q = "dau tranh" }));
        Assert.Equal([wanted], await Ids("reviewer@demo.local", new ListCases { Q = "ĐẤU TRANH đất" }));
        Assert.Empty(await Ids("reviewer@demo.local", new ListCases { Q = "dau tranh vaccine" }));
        Assert.Empty(await Ids("reviewer@demo.local", new ListCases { Q = "!!! ..." }));
        Assert.Equal([wanted, elsewhere], (await Ids("coordinator@demo.local", new ListCases { Q = "đấu tranh" })).Order());
    }

    [Fact]
    public async Task Search_pages_by_the_same_keys_as_the_queue()
    {
        var ids = new List<long>();
        for (var i = 0; i < 7; i++) ids.Add(await _desk.SeedCase(new QueueDesk.Seed(Title: $"tin giả về vắc xin lần {i}", Reports: 1 + i % 3)));
        await _desk.SeedCase(new QueueDesk.Seed(Title: "chuyện khác hẳn"));

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await List("reviewer@demo.local", new ListCases { Q = "vac xin", Sort = CaseSort.Reports, Limit = 3, Cursor = cursor });
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var counts = ids.ToDictionary(id => id, id => 1 + ids.IndexOf(id) % 3);
        Assert.Equal(ids.OrderByDescending(id => counts[id]).ThenBy(id => id), seen);
    }

    [Fact]
    public async Task A_search_with_many_hits_pages_through_all_of_them_in_order()
    {
        var unit = await _desk.UnitId("D1-C1");
        await _desk.Execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count)
            INSERT INTO cases (status, title, owner_unit_id, queue_id, report_count, first_reported_at, last_reported_at, created_at, updated_at)
            SELECT 'new', CASE WHEN i % 10 = 0 THEN 'chuyện khác ' ELSE 'vắc xin lần ' END || i, @unit,
                   (SELECT id FROM queues WHERE unit_id = @unit AND is_inbox = TRUE), 1 + i % 7, '2026-11-26 07:00:00+00:00', '2026-11-26 07:00:00+00:00',
                   '2026-11-26 08:00:00+00:00', '2026-11-26 08:00:00+00:00'
            FROM n;
            """, new { count = ManyHitsOnEither * 10 / 9 + 100, unit });
        // Indexed as intake indexes, folded: PostgreSQL's search configuration does not fold accents itself.
        var titles = await _desk.Rows<(long Id, string Title)>("SELECT id, title FROM cases");
        await using (var connection = await _desk.Db.OpenAsync())
            await connection.ExecuteAsync("INSERT INTO case_search (rowid, title, body) VALUES (@Id, @Title, '')",
                titles.Select(t => new { t.Id, Title = Triage.Server.Search.SearchText.Fold(t.Title) }));
        var expected = (await _desk.Scalar<string>(
            "SELECT string_agg(CAST(id AS TEXT), ',') FROM (SELECT id FROM cases WHERE title LIKE 'vắc xin%' ORDER BY priority DESC, id) AS t")).Split(',').Select(long.Parse).ToList();
        Assert.True(expected.Count >= ManyHitsOnEither);

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await List("reviewer@demo.local", new ListCases { Q = "vac xin", Limit = ListCases.MaxLimit, Cursor = cursor });
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(expected, seen);
    }

    /// <summary>Enough hits for the many-hits plan of SQLite and of PostgreSQL.</summary>
    private static int ManyHitsOnEither => Math.Max(QueueQuery.ManyHits, QueueQuery.PostgresManyHits);

    public static TheoryData<string> BadCursors => new()
    {
        "not base64!",
        B64("priority|12"),
        B64("priority|x|55"),
        B64("priority|55|soon"), // a priority is a number
        B64("reports|55|1"), // another order's cursor would skip rows
        Convert.ToBase64String([0xff, 0xfe, 0xfd]).TrimEnd('='),
    };

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Theory]
    [MemberData(nameof(BadCursors))]
    public async Task A_cursor_the_desk_did_not_write_for_this_order_is_a_field_error(string cursor)
    {
        await _desk.SeedCase(new QueueDesk.Seed());

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => List("reviewer@demo.local", new ListCases { Cursor = cursor }));

        Assert.Equal(["cursor"], refused.Errors.Keys);
    }

    [Fact]
    public async Task A_limit_out_of_range_is_a_field_error()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => List("reviewer@demo.local", new ListCases { Limit = 0 }));
        Assert.Equal(["limit"], refused.Errors.Keys);
        await Assert.ThrowsAsync<ValidationFailedException>(() => List("reviewer@demo.local", new ListCases { Limit = ListCases.MaxLimit + 1 }));
    }

    [Fact]
    public async Task A_report_joining_a_case_raises_it_in_the_queue()
    {
        var first = await _desk.NewCase(QueueDesk.Claim(11));
        var second = await _desk.NewCase(QueueDesk.Claim(12));
        Assert.Equal([first, second], await Ids("reviewer@demo.local", new ListCases()));

        await _desk.SendAs("member@demo.local", new SubmitReport { Text = QueueDesk.Claim(12) });

        Assert.Equal([second, first], await Ids("reviewer@demo.local", new ListCases()));
    }
}
