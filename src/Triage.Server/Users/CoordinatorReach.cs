using Dapper;
using Triage.Client.Pipeline;
using Triage.Server.Pipeline;

namespace Triage.Server.Users;

/// <summary>
/// What a coordinator may do to someone's account (reset a password, reset two-factor sign-in): the target is in
/// their list, so it is not a 404, but their rights stop below their own rank. An admin may act on anyone in scope.
/// </summary>
internal static class CoordinatorReach
{
    public static async Task EnsureBelowAsync(Work work, long userId)
    {
        if (!work.Actor.Has(Role.Admin) && await work.Connection.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM user_roles WHERE user_id = @userId AND role IN ('coordinator', 'admin'))",
                new { userId }, work.Transaction))
            throw new ForbiddenException();
    }
}
