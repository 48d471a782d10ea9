namespace Triage.Server.Data;

/// <summary>The <c>Triage</c> configuration section.</summary>
public sealed class DeskOptions
{
    public const string Section = "Triage";

    /// <summary>Holds triage.db, evidence/ and keys/. Defaults outside any git work tree.</summary>
    public string DataDirectory { get; set; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "triage");

    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    public DemoOptions Demo { get; set; } = new();
    public RateLimitOptions RateLimits { get; set; } = new();
    public SessionOptions Sessions { get; set; } = new();
    public OrganisationOptions Organisation { get; set; } = new();

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
