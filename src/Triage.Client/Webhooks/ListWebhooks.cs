using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Webhooks;

/// <summary>Every webhook with its state; never its secret.</summary>
[AllowRoles(Role.Admin)]
public sealed record ListWebhooks : IRequest<IReadOnlyList<WebhookInfo>>;

public sealed record WebhookInfo(long Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt, int ConsecutiveFailures)
{
    public bool Enabled => DisabledAt is null;
}
