using System.Data.Common;
using Dapper;
using Triage.Client.Pipeline;
using Triage.Server.Pipeline;

namespace Triage.Server.Cases;

/// <summary>
/// Who may read a case (DESIGN.md "Roles, units, scope"): staff of the owning unit or its ancestors,
/// staff of any unit holding one of its reporters, the members who reported it, and whoever it is assigned to
/// (a responder below the owner answers it; reading it is part of that).
/// </summary>
public static class CaseAccess
{
    private static readonly Role[] Staff = [Role.Reviewer, Role.Responder, Role.Coordinator, Role.Admin];

    /// <summary>
    /// A SQL condition on the case aliased <c>c</c>; bind <see cref="Parameters"/>. The unit tests use
    /// materialised paths, so each check is an index-friendly prefix comparison.
    /// </summary>
    public const string ReadableSql = """
        (
            (@AccessStaff = 1 AND (
                EXISTS (SELECT 1 FROM org_units ou WHERE ou.id = c.owner_unit_id AND substr(ou.path, 1, length(@AccessPath)) = @AccessPath)
                OR EXISTS (SELECT 1 FROM case_reporter_units cru JOIN org_units ru ON ru.id = cru.unit_id
                           WHERE cru.case_id = c.id AND substr(ru.path, 1, length(@AccessPath)) = @AccessPath)))
            OR EXISTS (SELECT 1 FROM reports mine WHERE mine.case_id = c.id AND mine.reporter_user_id = @AccessUserId)
            OR c.assignee_user_id = @AccessUserId
        )
        """;

    public static object Parameters(Actor actor) => new
    {
        AccessStaff = actor.HasAny(Staff) ? 1 : 0,
        AccessPath = actor.UnitPath,
        AccessUserId = actor.UserId ?? -1,
    };

    /// <summary>Whether the actor may read the case: the one check every case scope rule starts from.</summary>
    public static Task<bool> IsReadableAsync(System.Data.Common.DbConnection connection, long caseId, Actor actor)
    {
        var parameters = new DynamicParameters(Parameters(actor));
        parameters.Add("CaseId", caseId);
        return connection.ExecuteScalarAsync<bool>(
            $"SELECT EXISTS (SELECT 1 FROM cases c WHERE c.id = @CaseId AND {ReadableSql})", parameters);
    }
}
