using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Routing;

/// <summary>
/// Creates a rule (no <see cref="Id"/>; it is tried after the unit's other rules) or replaces one.
/// Moving a rule to another unit puts it last there.
/// </summary>
[AllowRoles(Role.Coordinator)]
public sealed class SaveRoutingRule : RoutingRuleFields, ICommand<RoutingRule>
{
    public long? Id { get; set; }

    [Required(ErrorMessage = FieldRules.Required), StringLength(120, ErrorMessage = FieldRules.TooLong)]
    public string Name { get; set; } = "";

    public bool Enabled { get; set; } = true;

    /// <summary>The form of a saved rule, for editing it.</summary>
    public static SaveRoutingRule From(RoutingRule rule) => new()
    {
        Id = rule.Id, UnitId = rule.Unit.Id, Name = rule.Name, Enabled = rule.Enabled,
        Platforms = rule.When.Platforms, Categories = rule.When.Categories, Verdicts = rule.When.Verdicts, Severities = rule.When.Severities,
        MinSeverity = rule.When.MinSeverity, Keywords = rule.When.Keywords, WithinUnitId = rule.When.WithinUnit?.Id, MinReports = rule.When.MinReports,
        TargetQueueId = rule.TargetQueue.Id, PriorityBoost = rule.PriorityBoost, Strategy = rule.Strategy,
    };

    /// <summary>The same rule, as a preview request.</summary>
    public PreviewRoutingRule ToPreview() => new()
    {
        UnitId = UnitId, Platforms = Platforms, Categories = Categories, Verdicts = Verdicts, Severities = Severities, MinSeverity = MinSeverity,
        Keywords = Keywords, WithinUnitId = WithinUnitId, MinReports = MinReports, TargetQueueId = TargetQueueId,
        PriorityBoost = PriorityBoost, Strategy = Strategy,
    };
}
