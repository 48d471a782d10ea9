using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Units;

[AllowSignedIn]
public sealed record GetUnit(long Id) : IRequest<UnitDetail>;

public sealed record UnitDetail(long Id, string Code, string Name, UnitRef? Parent, IReadOnlyList<UnitRef> Children, long UserCount);
