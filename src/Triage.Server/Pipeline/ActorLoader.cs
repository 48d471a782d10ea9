using System.Security.Claims;
using Dapper;
using Triage.Client.Pipeline;
using Triage.Server.Data;

namespace Triage.Server.Pipeline;

/// <summary>Turns a principal into an <see cref="Actor"/>, or null when its session must end.</summary>
public sealed class ActorLoader(Db db)
{
    public async Task<Actor?> LoadAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (principal.UserId() is not { } userId) return null;
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>("""
            SELECT u.id AS Id, u.email AS Email, u.name AS Name, u.unit_id AS UnitId, o.path AS UnitPath,
                   u.security_stamp AS Stamp, u.disabled_at IS NOT NULL AS Disabled, u.time_zone AS TimeZone,
                   (SELECT string_agg(role, ',') FROM user_roles r WHERE r.user_id = u.id) AS Roles
            FROM users u JOIN org_units o ON o.id = u.unit_id
            WHERE u.id = @userId
            """, new { userId });
        if (row is null || row.Disabled) return null;
        // Cookies carry the stamp of their sign-in; bearer tokens are checked against their own revocation.
        if (principal.Stamp() is { } stamp && stamp != row.Stamp) return null;
        return new Actor(row.Id, row.Email, row.Name, row.UnitId, row.UnitPath, Client.Pipeline.Roles.ParseList(row.Roles).ToHashSet())
        {
            TimeZone = row.TimeZone,
        };
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Email { get; init; } = "";
        public string Name { get; init; } = "";
        public long UnitId { get; init; }
        public string UnitPath { get; init; } = "";
        public string Stamp { get; init; } = "";
        public bool Disabled { get; init; }
        public string? Roles { get; init; }
        public string? TimeZone { get; init; }
    }
}
