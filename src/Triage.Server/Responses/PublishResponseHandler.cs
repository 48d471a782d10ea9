using Microsoft.Extensions.Localization;
using Triage.Client.Resources;
using Triage.Client.Responses;
using Triage.Server.Pipeline;

namespace Triage.Server.Responses;

public sealed class PublishResponseHandler(IStringLocalizer<Strings> localizer) : CommandHandler<PublishResponse, ResponseSaved>
{
    protected override async Task<ResponseSaved> Handle(PublishResponse request, Work work, CancellationToken ct)
    {
        var message = await ResponseWrites.LoadAsync(work, request.ResponseId);
        await ResponseWrites.PublishAsync(work, message, request.PublishedUrl.Trim(), request.PublishedAt!.Value, localizer);
        return new ResponseSaved(message.Id, ResponseStatus.Published);
    }
}
