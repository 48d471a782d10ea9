namespace Triage.Client.Layout;

/// <summary>The reader's choice of light, dark or the device's own setting, kept in a cookie.</summary>
public sealed record ThemePreference(string Mode)
{
    public static ThemePreference From(string? mode) => new(mode is "dark" or "light" ? mode : "system");

    public bool FollowsSystem => Mode == "system";
    public bool Dark => Mode == "dark";
}
