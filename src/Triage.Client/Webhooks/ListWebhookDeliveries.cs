using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Webhooks;

/// <summary>A webhook's delivery log, newest first; keyset-paged by delivery id (<see cref="After"/> is the last page's cursor).</summary>
[AllowRoles(Role.Admin)]
public sealed record ListWebhookDeliveries(long WebhookId, string? After = null, int Limit = 50) : IRequest<WebhookDeliveryPage>;

public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDelivery> Items, string? NextCursor);

public sealed record WebhookDelivery(long Id, string Event, long CaseId, string Status, int Attempts, DateTimeOffset? NextAttemptAt,
    int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);
