using Dapper;
using Triage.Client.Cases;
using Triage.Client.Sla;
using Triage.Server.Cases;
using Triage.Tests.Queue;
using Triage.Tests.Support;

namespace Triage.Tests.Sla;

/// <summary>The queue's "SLA due" order and each row's due time and state.</summary>
public sealed class SlaQueueTests : IAsyncLifetime
{
    private TestDesk _desk = default!;

    public async Task InitializeAsync() => _desk = await TestDesk.CreateAsync();

    public async Task DisposeAsync() => await _desk.DisposeAsync();

    private Task<CasePage> Page(string? cursor = null, int limit = 50) =>
        _desk.SendAs("reviewer@demo.local", new ListCases { Sort = CaseSort.Sla, Cursor = cursor, Limit = limit });

    [Fact]
    public async Task Soonest_due_comes_first_breached_at_the_top_cases_without_a_deadline_last_and_pages_follow_the_keyset()
    {
        // D1-C1 answers within 100 minutes, D1-C2 within 400; D1-C3 has no policy.
        await _desk.Policy("D1-C1", triage: 100, response: 1000);
        await _desk.Policy("D1-C2", triage: 400, response: 1000);
        var none1 = await _desk.SeedCase(new QueueDesk.Seed(Unit: "D1-C3"));
        var slow = await _desk.SeedCase(new QueueDesk.Seed(Unit: "D1-C2"));
        var fast = await _desk.SeedCase(new QueueDesk.Seed(Unit: "D1-C1"));
        var none2 = await _desk.SeedCase(new QueueDesk.Seed(Unit: "D1-C3"));
        _desk.Clock.Advance(TimeSpan.FromMinutes(90));
        var late = await _desk.SeedCase(new QueueDesk.Seed(Unit: "D1-C2"));
        await _desk.ApplyDues();
        _desk.Clock.Advance(TimeSpan.FromMinutes(20));

        var all = await Page();
        Assert.Equal([fast, slow, late, none1, none2], all.Items.Select(c => c.Id).ToList());
        Assert.Equal(SlaState.Breached, all.Items[0].Sla!.State);
        Assert.Equal(SlaKind.Triage, all.Items[0].Sla!.Kind);
        Assert.Equal(SlaState.OnTrack, all.Items[1].Sla!.State);
        Assert.Null(all.Items[3].Sla);

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await Page(cursor, 2);
            seen.AddRange(page.Items.Select(c => c.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(all.Items.Select(c => c.Id).ToList(), seen);
    }

    [Fact]
    public async Task A_row_is_due_soon_in_the_last_quarter_of_its_window()
    {
        await _desk.Policy("D1-C1", triage: 100, response: 1000);
        var caseId = await _desk.SeedCase(new QueueDesk.Seed(Unit: "D1-C1"));
        await _desk.ApplyDues();

        _desk.Clock.Advance(TimeSpan.FromMinutes(74));
        Assert.Equal(SlaState.OnTrack, (await Page()).Items.Single(c => c.Id == caseId).Sla!.State);
        _desk.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(SlaState.DueSoon, (await Page()).Items.Single(c => c.Id == caseId).Sla!.State);
    }

    [Theory]
    [InlineData("~")]
    [InlineData("2026-11-25T08:00:00.0000000Z")]
    public void The_sla_cursor_reads_both_a_due_time_and_the_no_deadline_key(string key)
    {
        var cursor = new QueueCursor(CaseSort.Sla, key, 7).Encode();

        Assert.True(QueueCursor.TryParse(cursor, CaseSort.Sla, out var read));
        Assert.Equal(key, read!.Key);
        Assert.False(QueueCursor.TryParse(new QueueCursor(CaseSort.Priority, 3L, 7).Encode(), CaseSort.Sla, out _));
    }
}
