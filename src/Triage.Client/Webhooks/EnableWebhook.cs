using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Webhooks;

/// <summary>
/// Turns a webhook disabled after repeated failures back on, with a clean failure count; its deliveries
/// still waiting are sent again from now.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record EnableWebhook(long WebhookId) : ICommand<Unit>;
