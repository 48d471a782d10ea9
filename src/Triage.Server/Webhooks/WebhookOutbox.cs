using Triage.Server.Data;
using System.Text.Json;
using Dapper;
using Triage.Server.Pipeline;

namespace Triage.Server.Webhooks;

/// <summary>
/// Writes the deliveries of one case event inside the case write's own transaction (an outbox): a write that
/// rolls back sends nothing, and one that commits is sent even if the desk stops right after.
/// <para>
/// The payload names the case by its codes and numbers only. Reporters are pseudonymised for webhooks
/// (DESIGN.md), and the case title is left out too: it is cut from the first report's words, which can
/// name or place the person who wrote them.
/// </para>
/// </summary>
public static class WebhookOutbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One delivery per enabled webhook subscribed to <paramref name="event"/>; nothing when none is.</summary>
    public static async Task EnqueueAsync(Work work, string @event, long caseId)
    {
        var webhooks = (await work.Connection.QueryAsync<long>($"""
            SELECT id FROM webhooks
            WHERE disabled_at IS NULL AND {work.Connection.JsonArrayHolds("webhooks.events", "@event")}
            ORDER BY id
            """, new { @event }, work.Transaction)).AsList();
        if (webhooks.Count == 0) return;

        var c = await work.Connection.QuerySingleAsync<CaseRow>("""
            SELECT c.id AS Id, c.status AS Status, c.verdict AS Verdict, c.category AS Category, c.severity AS Severity,
                   o.code AS UnitCode, o.name AS UnitName, c.report_count AS ReportCount,
                   (SELECT m.published_url FROM counter_messages m WHERE m.case_id = c.id AND m.status = 'published'
                    ORDER BY m.published_at DESC, m.id DESC LIMIT 1) AS CounterMessageUrl
            FROM cases c JOIN org_units o ON o.id = c.owner_unit_id
            WHERE c.id = @caseId
            """, new { caseId }, work.Transaction);
        var payload = JsonSerializer.Serialize(new
        {
            @event,
            caseId,
            occurredAt = work.Now,
            @case = new
            {
                id = c.Id, status = c.Status, verdict = c.Verdict, category = c.Category, severity = c.Severity,
                unit = new { code = c.UnitCode, name = c.UnitName }, reportCount = c.ReportCount, counterMessageUrl = c.CounterMessageUrl,
            },
        }, Json);
        await work.Connection.ExecuteAsync("""
            INSERT INTO webhook_deliveries (webhook_id, event, case_id, payload, status, attempts, next_attempt_at, created_at)
            VALUES (@webhookId, @event, @caseId, @payload, 'pending', 0, @Now, @Now)
            """, webhooks.Select(webhookId => new { webhookId, @event, caseId, payload, work.Now }), work.Transaction);
    }

    private sealed class CaseRow
    {
        public long Id { get; init; }
        public string Status { get; init; } = "";
        public string? Verdict { get; init; }
        public string? Category { get; init; }
        public int? Severity { get; init; }
        public string UnitCode { get; init; } = "";
        public string UnitName { get; init; } = "";
        public long ReportCount { get; init; }
        public string? CounterMessageUrl { get; init; }
    }
}
