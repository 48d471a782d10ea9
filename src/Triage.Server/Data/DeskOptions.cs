namespace Triage.Server.Data;

/// <summary>The <c>Triage</c> configuration section.</summary>
public sealed class DeskOptions
{
    public const string Section = "Triage";

    /// <summary>Holds triage.db, evidence/ and keys/. Defaults outside any git work tree.</summary>
    public string DataDirectory { get; set; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "triage");

    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    public DatabaseOptions Database { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();
    public RateLimitOptions RateLimits { get; set; } = new();
    public SessionOptions Sessions { get; set; } = new();
    public OrganisationOptions Organisation { get; set; } = new();
    public TwoFactorOptions TwoFactor { get; set; } = new();

    public string DatabasePath => Path.Combine(DataDirectory, "triage.db");
    public string KeysDirectory => Path.Combine(DataDirectory, "keys");
    public string EvidenceDirectory => Path.Combine(DataDirectory, "evidence");
}

public sealed class DemoOptions
{
    public string? Password { get; set; }
}

public sealed class RateLimitOptions
{
    public int ReportsPerMinute { get; set; } = 30;
    public int SignInsPerMinutePerIp { get; set; } = 60;
}

public sealed class SessionOptions
{
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(8);
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromDays(7);
}

public sealed class OrganisationOptions
{
    public string Name { get; set; } = "Triage";
}

/// <summary>Which roles must sign in with an authenticator code (docs/decisions/0022-two-factor-sign-in.md).</summary>
public sealed class TwoFactorOptions
{
    public const string RequiredRolesKey = "Triage:TwoFactor:RequiredRoles";
    public static readonly IReadOnlyList<Client.Pipeline.Role> DefaultRequiredRoles = [Client.Pipeline.Role.Admin, Client.Pipeline.Role.Coordinator];

    /// <summary>
    /// Null when not configured, meaning <see cref="DefaultRequiredRoles"/>; an empty array turns the requirement off.
    /// Not defaulted here, because the binder appends configured items to an existing array instead of replacing it.
    /// </summary>
    public Client.Pipeline.Role[]? RequiredRoles { get; set; }

    public IReadOnlyList<Client.Pipeline.Role> EffectiveRequiredRoles => RequiredRoles ?? DefaultRequiredRoles;
}
