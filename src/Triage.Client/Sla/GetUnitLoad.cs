using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Units;

namespace Triage.Client.Sla;

/// <summary>
/// The load on the tree under a unit (the caller's own by default): per child unit, its subtree's open cases,
/// how many of them are past their due time, and the case that has waited longest.
/// </summary>
[AllowRoles(Role.Coordinator)]
public sealed record GetUnitLoad(long? UnitId = null) : IRequest<UnitLoad>;

/// <param name="Trail">From the caller's own unit down to <paramref name="Unit"/>, for the breadcrumb.</param>
/// <param name="Own">Cases owned by the unit itself, not by a child.</param>
public sealed record UnitLoad(UnitRef Unit, IReadOnlyList<UnitRef> Trail, LoadFigures Own, IReadOnlyList<ChildLoad> Children);

public sealed record ChildLoad(UnitRef Unit, bool HasChildren, LoadFigures Figures);

public sealed record LoadFigures(int OpenCases, int Breached, WaitingCase? Oldest);

/// <param name="Waiting">Since the first report.</param>
public sealed record WaitingCase(long Id, string Title, DateTimeOffset FirstReportedAt, TimeSpan Waiting);
