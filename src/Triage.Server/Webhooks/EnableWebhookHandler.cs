using Dapper;
using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Webhooks;
using Triage.Server.Pipeline;

namespace Triage.Server.Webhooks;

public sealed class EnableWebhookHandler : CommandHandler<EnableWebhook, Unit>
{
    protected override async Task<Unit> Handle(EnableWebhook request, Work work, CancellationToken ct)
    {
        work.Subject("webhook", request.WebhookId);
        var changed = await work.Connection.ExecuteAsync(
            "UPDATE webhooks SET disabled_at = NULL, consecutive_failures = 0 WHERE id = @WebhookId", request, work.Transaction);
        if (changed == 0) throw new NotFoundException("Webhook");
        // Deliveries left waiting go out at the next pass instead of at their long back-off.
        await work.Connection.ExecuteAsync("""
            UPDATE webhook_deliveries SET next_attempt_at = @Now
            WHERE webhook_id = @WebhookId AND status IN ('pending', 'failed') AND next_attempt_at > @Now
            """, new { request.WebhookId, work.Now }, work.Transaction);
        return Unit.Value;
    }
}
