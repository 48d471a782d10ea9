using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Units;

/// <summary>The units of the caller's subtree, parents before children.</summary>
[AllowSignedIn]
public sealed record ListUnits : IRequest<IReadOnlyList<UnitNode>>;

public sealed record UnitNode(long Id, long? ParentId, string Code, string Name, long Depth, long UserCount);
