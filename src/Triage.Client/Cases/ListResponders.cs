using MediatR;
using Triage.Client.Pipeline;
using Triage.Client.Units;

namespace Triage.Client.Cases;

/// <summary>
/// The responders a reviewer may hand this case to: active, on the owning unit's line (at it, above it
/// or below it), the same rule <see cref="AssignCase"/> checks. Fewest open assignments first.
/// </summary>
[AllowRoles(Role.Reviewer)]
public sealed record ListResponders(long CaseId) : IRequest<IReadOnlyList<Responder>>, ICaseRequest;

/// <param name="OpenCases">Cases assigned to them and not yet answered: their current load.</param>
public sealed record Responder(long Id, string Email, string Name, UnitRef Unit, int OpenCases);
