using System.Data.Common;
using Microsoft.Extensions.Localization;
using Triage.Client.Onboarding;
using Triage.Client.Resources;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Onboarding;

public sealed class CheckUserImportHandler(Db db, IStringLocalizer<Strings> localizer) : QueryHandler<CheckUserImport, UserImport>(db)
{
    protected override async Task<UserImport> Handle(CheckUserImport request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var result = await UserImportRows.CheckAsync(request.File, connection, null, actor, localizer, ct);
        return new UserImport(result.Rows, result.Valid.Count, result.Rows.Count - result.Valid.Count, 0, []);
    }
}
