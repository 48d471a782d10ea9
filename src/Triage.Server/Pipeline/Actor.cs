using Triage.Client.Pipeline;

namespace Triage.Server.Pipeline;

/// <summary>
/// Who sends the current request, as the database says now (not as the cookie said at sign-in),
/// so a role change or a disabled account takes effect on the next request.
/// </summary>
public sealed record Actor(long? UserId, string Email, string Name, long? UnitId, string UnitPath, IReadOnlySet<Role> Roles)
{
    /// <summary>The admin verbs act as this: every role, from the top of the tree.</summary>
    public static Actor System { get; } = new(null, "system", "system", null, "/", Client.Pipeline.Roles.All.ToHashSet());

    /// <summary>Nobody signed in: no roles, and a unit path no real path starts with.</summary>
    public static Actor Anonymous { get; } = new(null, "anonymous", "anonymous", null, "\0", new HashSet<Role>());

    /// <summary>The zone the person reads times in (an IANA id), or null for the desk's.</summary>
    public string? TimeZone { get; init; }

    public bool IsSystem => ReferenceEquals(this, System);

    public bool HasAny(IEnumerable<Role> roles) => Roles.Contains(Role.Admin) || roles.Any(Roles.Contains);

    public bool Has(Role role) => Roles.Contains(Role.Admin) || Roles.Contains(role);

    /// <summary>True when the unit with this path lies in the actor's subtree (itself included).</summary>
    public bool Covers(string unitPath) => unitPath.StartsWith(UnitPath, StringComparison.Ordinal);
}
