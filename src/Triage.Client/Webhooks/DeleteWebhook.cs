using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Webhooks;

/// <summary>Removes a webhook and its delivery log; nothing more is sent to it.</summary>
[AllowRoles(Role.Admin)]
public sealed record DeleteWebhook(long WebhookId) : ICommand<Unit>;
