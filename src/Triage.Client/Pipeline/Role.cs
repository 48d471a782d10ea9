namespace Triage.Client.Pipeline;

/// <summary>What a user may do; every role acts on its own unit's subtree.</summary>
public enum Role
{
    Member,
    Reviewer,
    Responder,
    Coordinator,
    Admin,
}

public static class Roles
{
    public static readonly IReadOnlyList<Role> All = Enum.GetValues<Role>();

    public static string Code(this Role role) => role.ToString().ToLowerInvariant();

    /// <summary>Reads a comma-separated list of role codes (as group_concat gives them), ignoring unknown codes.</summary>
    public static IReadOnlyList<Role> ParseList(string? codes) =>
        (codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => TryParse(c, out var role) ? role : (Role?)null).OfType<Role>().Distinct().Order().ToList();

    public static bool TryParse(string? code, out Role role) =>
        Enum.TryParse(code?.Trim(), ignoreCase: true, out role) && Enum.IsDefined(role);
}
