using System.Data.Common;
using System.Globalization;
using Dapper;
using Triage.Client.Pipeline;
using Triage.Client.Webhooks;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Webhooks;

public sealed class ListWebhookDeliveriesHandler(Db db) : QueryHandler<ListWebhookDeliveries, WebhookDeliveryPage>(db)
{
    public const int MaxLimit = 200;

    protected override async Task<WebhookDeliveryPage> Handle(ListWebhookDeliveries request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        if (!await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM webhooks WHERE id = @WebhookId)", request))
            throw new NotFoundException("Webhook");
        var limit = Math.Clamp(request.Limit, 1, MaxLimit);
        var before = long.TryParse(request.After, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) ? cursor : long.MaxValue;
        var items = (await connection.QueryAsync<Row>("""
            SELECT id AS Id, event AS Event, case_id AS CaseId, status AS Status, attempts AS Attempts, next_attempt_at AS NextAttemptAt,
                   last_status_code AS LastStatusCode, last_error AS LastError, created_at AS CreatedAt, delivered_at AS DeliveredAt
            FROM webhook_deliveries
            WHERE webhook_id = @WebhookId AND id < @before
            ORDER BY id DESC
            LIMIT @take
            """, new { request.WebhookId, before, take = limit + 1 })).AsList();
        var next = items.Count > limit ? items[limit - 1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return new WebhookDeliveryPage(items.Take(limit).Select(r => new WebhookDelivery(r.Id, r.Event, r.CaseId, r.Status, r.Attempts,
            r.NextAttemptAt, r.LastStatusCode, r.LastError, r.CreatedAt, r.DeliveredAt)).ToList(), next);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Event { get; init; } = "";
        public long CaseId { get; init; }
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset? NextAttemptAt { get; init; }
        public int? LastStatusCode { get; init; }
        public string? LastError { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? DeliveredAt { get; init; }
    }
}
