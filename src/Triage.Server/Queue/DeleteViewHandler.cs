using Dapper;
using Triage.Client.Queue;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Queue;

public sealed class DeleteViewHandler : CommandHandler<DeleteView, bool>
{
    protected override async Task<bool> Handle(DeleteView request, Work work, CancellationToken ct)
    {
        await work.Connection.ExecuteAsync("DELETE FROM saved_views WHERE id = @ViewId AND user_id = @userId",
            new { request.ViewId, userId = work.Actor.UserId }, work.Transaction);
        work.Subject("saved_view", request.ViewId);
        return true;
    }
}

/// <summary>A saved view is its owner's alone: anyone else's does not exist for the caller (404).</summary>
public sealed class SavedViewScope(Db db) : IScopeRule<DeleteView>
{
    public async Task<bool> InScopeAsync(DeleteView request, Actor actor, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM saved_views WHERE id = @ViewId AND user_id = @userId)", new { request.ViewId, userId = actor.UserId ?? -1 });
    }
}
