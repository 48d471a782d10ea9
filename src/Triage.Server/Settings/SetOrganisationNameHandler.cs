using MediatR;
using Triage.Client.Settings;
using Triage.Server.Pipeline;

namespace Triage.Server.Settings;

public sealed class SetOrganisationNameHandler : CommandHandler<SetOrganisationName, Unit>
{
    protected override async Task<Unit> Handle(SetOrganisationName request, Work work, CancellationToken ct)
    {
        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        await DeskState.SetAsync(work.Connection, work.Transaction, DeskState.OrganisationName, name);
        work.Subject("setting", DeskState.OrganisationName);
        return Unit.Value;
    }
}
