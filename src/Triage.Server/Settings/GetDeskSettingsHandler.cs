using System.Data.Common;
using Microsoft.Extensions.Options;
using Triage.Client.Settings;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Settings;

public sealed class GetDeskSettingsHandler(Db db, DeskBackups backups, IOptions<DeskOptions> options) : QueryHandler<GetDeskSettings, DeskSettings>(db)
{
    protected override async Task<DeskSettings> Handle(GetDeskSettings request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var state = await DeskState.ReadAsync(connection);
        var configured = options.Value.Organisation.Name;
        var name = state.GetValueOrDefault(DeskState.OrganisationName);
        return new DeskSettings(name ?? configured, configured, name is not null,
            DeskState.Schedule(state), DeskState.Status(state), backups.List(), backups.Folder, connection.IsPostgres());
    }
}
