using System.Data.Common;
using Dapper;
using Triage.Client.Queue;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Queue;

public sealed class ListSavedViewsHandler(Db db) : QueryHandler<ListSavedViews, IReadOnlyList<SavedView>>(db)
{
    protected override async Task<IReadOnlyList<SavedView>> Handle(ListSavedViews request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(long Id, string Name, string Filter)>(
            "SELECT id, name, filter FROM saved_views WHERE user_id = @userId ORDER BY name, id", new { userId = actor.UserId ?? -1 });
        return rows.Select(r => new SavedView(r.Id, r.Name, SavedViewJson.Read(r.Filter))).ToList();
    }
}
