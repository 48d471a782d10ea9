using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Routing;

/// <summary>Puts a rule at <see cref="Position"/> among its unit's rules (1 is tried first); answers the unit's rules in their new order.</summary>
[AllowRoles(Role.Coordinator)]
public sealed class MoveRoutingRule : ICommand<IReadOnlyList<RoutingRule>>
{
    public long RuleId { get; set; }

    [Range(1, 10_000, ErrorMessage = FieldRules.OutOfRange)]
    public int Position { get; set; } = 1;
}
