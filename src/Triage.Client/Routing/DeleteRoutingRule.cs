using Triage.Client.Pipeline;

namespace Triage.Client.Routing;

/// <summary>Removes a rule; the rules after it move up one place.</summary>
[AllowRoles(Role.Coordinator)]
public sealed class DeleteRoutingRule : ICommand<bool>
{
    public long RuleId { get; set; }
}
