using Dapper;
using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Webhooks;
using Triage.Server.Pipeline;

namespace Triage.Server.Webhooks;

public sealed class DeleteWebhookHandler : CommandHandler<DeleteWebhook, Unit>
{
    protected override async Task<Unit> Handle(DeleteWebhook request, Work work, CancellationToken ct)
    {
        work.Subject("webhook", request.WebhookId);
        var url = await work.Connection.ExecuteScalarAsync<string?>("SELECT url FROM webhooks WHERE id = @WebhookId", request, work.Transaction)
            ?? throw new NotFoundException("Webhook");
        await work.Connection.ExecuteAsync("""
            DELETE FROM webhook_deliveries WHERE webhook_id = @WebhookId;
            DELETE FROM webhooks WHERE id = @WebhookId;
            """, request, work.Transaction);
        work.Detail("url", url);
        return Unit.Value;
    }
}
