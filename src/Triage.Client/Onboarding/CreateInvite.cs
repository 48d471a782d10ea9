using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Onboarding;

/// <summary>A link anyone holding it may use to register as a member of one unit, until it expires, is revoked or used up.</summary>
[AllowRoles(Role.Coordinator)]
public sealed class CreateInvite : ICommand<CreatedInvite>
{
    public const int DefaultDays = 14;
    public const int MaxDays = 90;

    [Required(ErrorMessage = FieldRules.Required)]
    public long? UnitId { get; set; }

    [Range(1, MaxDays, ErrorMessage = FieldRules.OutOfRange)]
    public int Days { get; set; } = DefaultDays;

    /// <summary>Empty: no limit but the expiry.</summary>
    [Range(1, 100_000, ErrorMessage = FieldRules.OutOfRange)]
    public int? MaxUses { get; set; }
}

/// <summary>The link's path holds its token in clear; this answer is the only place it exists.</summary>
public sealed record CreatedInvite(long Id, string Path, DateTimeOffset ExpiresAt);
