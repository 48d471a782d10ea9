using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.Webhooks;
using Triage.Server.Pipeline;

namespace Triage.Server.Webhooks;

/// <summary>The request checked the URL's shape; here its host is resolved and a private target refused unless allowed.</summary>
public sealed class CreateWebhookHandler(IOptions<WebhookOptions> options, IStringLocalizer<Strings> localizer)
    : CommandHandler<CreateWebhook, CreatedWebhook>
{
    protected override async Task<CreatedWebhook> Handle(CreateWebhook request, Work work, CancellationToken ct)
    {
        var url = new Uri(request.Url.Trim(), UriKind.Absolute);
        if (await WebhookTargets.ProblemAsync(url, options.Value.AllowPrivateNetworks, ct) is { } problem)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["url"] = [localizer[problem]] });

        var events = WebhookEvents.All.Where(e => request.Events!.Contains(e)).ToList();
        var id = await work.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO webhooks (url, events, secret, created_by, created_at) VALUES (@url, @events, @Secret, @UserId, @Now)
            RETURNING id
            """, new { url = url.AbsoluteUri, events = JsonSerializer.Serialize(events), request.Secret, work.Actor.UserId, work.Now },
            work.Transaction);
        work.Subject("webhook", id);
        work.Detail("url", url.AbsoluteUri);
        return new CreatedWebhook(id);
    }
}
