using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Units;

namespace Triage.Client.Routing;

/// <summary>
/// What a rule looks at and what it does, shared by saving and previewing, so a preview checks exactly
/// the rule that would be saved. Every condition given must hold (lists match any of their values);
/// at least one condition is required, or the rule would take every case.
/// </summary>
public abstract class RoutingRuleFields : IValidatableObject
{
    public const int MaxChoices = 20;

    /// <summary>The unit the rule belongs to: its cases and those of the units below it.</summary>
    public long UnitId { get; set; }

    [MaxLength(MaxChoices, ErrorMessage = FieldRules.TooMany)]
    public IReadOnlyList<string>? Platforms { get; set; }

    [MaxLength(MaxChoices, ErrorMessage = FieldRules.TooMany)]
    public IReadOnlyList<string>? Categories { get; set; }

    [MaxLength(MaxChoices, ErrorMessage = FieldRules.TooMany)]
    public IReadOnlyList<string>? Verdicts { get; set; }

    [MaxLength(4, ErrorMessage = FieldRules.TooMany)]
    public IReadOnlyList<int>? Severities { get; set; }

    [Range(1, 4, ErrorMessage = FieldRules.OutOfRange)]
    public int? MinSeverity { get; set; }

    /// <summary>Words or phrases, any of which in the case's reports (diacritics and case ignored) matches.</summary>
    [MaxLength(MaxChoices, ErrorMessage = FieldRules.TooMany)]
    public IReadOnlyList<string>? Keywords { get; set; }

    /// <summary>The case's owner unit lies in this unit's subtree.</summary>
    public long? WithinUnitId { get; set; }

    [Range(1, 100_000, ErrorMessage = FieldRules.OutOfRange)]
    public int? MinReports { get; set; }

    /// <summary>Where a matched case goes: a queue of the rule's unit or of a unit below it.</summary>
    public long? TargetQueueId { get; set; }

    [Range(0, 100, ErrorMessage = FieldRules.OutOfRange)]
    public int PriorityBoost { get; set; }

    /// <summary>Round robin or least load assigns a matched, classified, unassigned case at once; null leaves it to people.</summary>
    [EnumDataType(typeof(AssignmentStrategy), ErrorMessage = CaseRules.UnknownChoice)]
    public AssignmentStrategy? Strategy { get; set; }

    [JsonIgnore]
    public bool HasCondition =>
        Any(Platforms) || Any(Categories) || Any(Verdicts) || Severities is { Count: > 0 } || MinSeverity is not null
        || Any(Keywords) || WithinUnitId is not null || MinReports is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!HasCondition) yield return FieldRules.Error(RoutingRules.NoCondition, "Conditions");
        if (Severities?.Any(s => s is < 1 or > 4) == true) yield return FieldRules.Error(RoutingRules.UnknownSeverity, nameof(Severities));
        if (Keywords?.Any(k => k is { Length: > 100 }) == true) yield return FieldRules.Error(RoutingRules.KeywordTooLong, nameof(Keywords));
    }

    private static bool Any(IReadOnlyList<string>? values) => values?.Any(v => !string.IsNullOrWhiteSpace(v)) == true;
}

/// <summary>Message keys of routing rules.</summary>
public static class RoutingRules
{
    public const string NoCondition = "Validation.RuleNoCondition";
    public const string UnknownQueue = "Validation.RuleUnknownQueue";
    public const string UnknownSeverity = "Validation.RuleUnknownSeverity";
    public const string KeywordTooLong = "Validation.RuleKeywordTooLong";
    public const string KeywordEmpty = "Validation.RuleKeywordEmpty";
    public const string UnitOutOfRule = "Validation.RuleUnitOutOfRule";
}

public sealed record QueueRef(long Id, string Name, UnitRef Unit);

/// <param name="WithinUnit">The case's owner lies in this unit's subtree; null is any unit.</param>
public sealed record RuleConditions(
    IReadOnlyList<string> Platforms, IReadOnlyList<string> Categories, IReadOnlyList<string> Verdicts, IReadOnlyList<int> Severities,
    int? MinSeverity, IReadOnlyList<string> Keywords, UnitRef? WithinUnit, int? MinReports);

/// <param name="Position">1 for the rule tried first among its unit's rules.</param>
public sealed record RoutingRule(long Id, UnitRef Unit, string Name, bool Enabled, int Position, RuleConditions When,
    QueueRef TargetQueue, int PriorityBoost, AssignmentStrategy? Strategy);
