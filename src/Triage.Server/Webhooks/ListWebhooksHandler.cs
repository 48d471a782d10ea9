using System.Data.Common;
using System.Text.Json;
using Dapper;
using Triage.Client.Webhooks;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Webhooks;

public sealed class ListWebhooksHandler(Db db) : QueryHandler<ListWebhooks, IReadOnlyList<WebhookInfo>>(db)
{
    protected override async Task<IReadOnlyList<WebhookInfo>> Handle(ListWebhooks request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<Row>("""
            SELECT id AS Id, url AS Url, events AS Events, created_at AS CreatedAt, disabled_at AS DisabledAt,
                   consecutive_failures AS ConsecutiveFailures
            FROM webhooks ORDER BY id
            """);
        return rows.Select(r => new WebhookInfo(r.Id, r.Url, JsonSerializer.Deserialize<List<string>>(r.Events) ?? [],
            r.CreatedAt, r.DisabledAt, r.ConsecutiveFailures)).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Url { get; init; } = "";
        public string Events { get; init; } = "[]";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? DisabledAt { get; init; }
        public int ConsecutiveFailures { get; init; }
    }
}
