using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Exports;

/// <summary>
/// What an export covers: the days from <see cref="From"/> to <see cref="To"/>, both included, in the desk's
/// time zone (by default the last 30 days up to today), and the subtree of <see cref="UnitId"/> (by default the
/// caller's own unit). A unit outside the caller's subtree does not exist for them (404).
/// </summary>
public abstract record ExportFilter : IValidatableObject
{
    /// <summary>How far back an export reaches when no start is given.</summary>
    public const int DefaultDays = 30;

    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public long? UnitId { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (From is { } from && To is { } to && from > to)
            yield return FieldRules.Error(ExportRules.FromAfterTo, nameof(To));
    }

    /// <summary>The days an export covers, defaults filled in from today in the desk's zone.</summary>
    public (DateOnly From, DateOnly To) Days(DateOnly today)
    {
        var to = To ?? today;
        return (From ?? to.AddDays(1 - DefaultDays), to);
    }
}

public static class ExportRules
{
    public const string FromAfterTo = "Validation.ExportFromAfterTo";
}
