using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Account;

/// <summary>Chooses the zone the caller reads times in, on every device; null or empty goes back to the desk's.</summary>
[AllowSignedIn]
public sealed record SetTimeZone(string? TimeZone) : ICommand<Preferences>, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(TimeZone) && IanaId(TimeZone) is null)
            yield return FieldRules.Error(FieldRules.UnknownTimeZone, nameof(TimeZone));
    }

    /// <summary>The zone's IANA id (a Windows id is translated), or null when the system knows no such zone.</summary>
    public static string? IanaId(string zoneId)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone)) return null;
        if (zone.HasIanaId) return zone.Id;
        return TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null;
    }
}
