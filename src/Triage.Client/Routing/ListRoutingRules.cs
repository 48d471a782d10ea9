using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Routing;

/// <summary>The rules of one unit of the coordinator's subtree, in the order they are tried.</summary>
[AllowRoles(Role.Coordinator)]
public sealed record ListRoutingRules(long UnitId) : IRequest<IReadOnlyList<RoutingRule>>;
