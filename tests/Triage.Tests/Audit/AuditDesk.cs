using Triage.Client.Audit;
using Triage.Client.Cases;
using Triage.Client.Units;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Audit;

/// <summary>A small, known history for the audit log: two cases, two days apart, and a unit added between them.</summary>
public static class AuditDesk
{
    public sealed record History(long FirstCase, long SecondCase, DateTimeOffset FirstDay, DateTimeOffset SecondDay);

    public static async Task<History> WriteHistory(this TestDesk desk)
    {
        var firstDay = desk.Clock.GetUtcNow();
        var first = await desk.NewCase();
        await desk.SendAs("reviewer@demo.local", new ClassifyCase { CaseId = first, ExpectedVersion = await desk.Version(first), Verdict = "misleading", Category = "health", Severity = 3 });
        desk.Clock.Advance(TimeSpan.FromDays(1));
        await desk.SendAs("admin@demo.local", new AddUnit { ParentId = await desk.UnitId("D1"), Code = "D1-C7", Name = "Xã Hòa Bình" });
        desk.Clock.Advance(TimeSpan.FromDays(1));
        var secondDay = desk.Clock.GetUtcNow();
        var second = await desk.NewCase(CaseDesk.OtherClaim);
        await desk.SendAs("reviewer@demo.local", new ClassifyCase { CaseId = second, ExpectedVersion = await desk.Version(second), Verdict = "false", Category = "health", Severity = 2 });
        return new History(first, second, firstDay, secondDay);
    }

    /// <summary>Every page of the log for this filter, in the order the pages came.</summary>
    public static async Task<List<AuditEventItem>> ReadAll(this TestDesk desk, ListAuditEvents filter)
    {
        var items = new List<AuditEventItem>();
        var cursor = filter.Cursor;
        do
        {
            var page = await desk.SendAs("admin@demo.local", filter with { Cursor = cursor });
            Assert.True(page.Items.Count <= filter.Limit);
            items.AddRange(page.Items);
            cursor = page.NextCursor;
        } while (cursor is not null);
        return items;
    }

    /// <summary>Ids of the events a WHERE clause picks, newest first: what a filter should answer.</summary>
    public static async Task<List<long>> IdsWhere(this TestDesk desk, string where, object? args = null)
    {
        await using var connection = await desk.Db.OpenAsync();
        return (await Dapper.SqlMapper.QueryAsync<long>(connection, $"SELECT id FROM audit_events WHERE {where} ORDER BY id DESC", args)).ToList();
    }

    /// <summary>What someone with the file does: drop the guard and rewrite one event's details.</summary>
    public static Task EditDetailsByHand(this TestDesk desk, long eventId) => desk.Execute(
        TestDatabase.DropTrigger("audit_events_no_update", "audit_events") +
        $"UPDATE audit_events SET data = {TestDatabase.JsonSet("data", "request.verdict", "\"true\"")} WHERE id = @eventId;", new { eventId });
}
