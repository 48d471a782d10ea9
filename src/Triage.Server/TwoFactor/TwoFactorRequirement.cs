using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Triage.Client.Pipeline;
using Triage.Server.Data;

namespace Triage.Server.TwoFactor;

/// <summary>Which roles must sign in with a code (Triage:TwoFactor:RequiredRoles), and whether a user still has to enrol.</summary>
public sealed class TwoFactorRequirement(IOptions<DeskOptions> options)
{
    public IReadOnlyList<Role> Roles => options.Value.TwoFactor.EffectiveRequiredRoles;

    /// <summary>Holding a required role literally: an admin is required because "Admin" is listed, not because admin passes every check.</summary>
    public bool RequiredFor(IEnumerable<Role> roles) => roles.Any(Roles.Contains);

    public async Task<bool> MustEnrolAsync(DbConnection connection, long userId, DbTransaction? tx = null)
    {
        if (Roles.Count == 0) return false;
        return await connection.ExecuteScalarAsync<bool>($"""
            SELECT EXISTS (SELECT 1 FROM user_roles WHERE user_id = @userId AND role {connection.InList("@roles")})
               AND NOT EXISTS (SELECT 1 FROM user_two_factor WHERE user_id = @userId AND enabled_at IS NOT NULL)
            """, new { userId, roles = Roles.Select(r => r.Code()).ToArray() }, tx);
    }
}
