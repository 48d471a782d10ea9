using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Retention;

/// <summary>How long finished cases keep their reporters' data, and what the last erasure pass did.</summary>
[AllowRoles(Role.Admin)]
public sealed record GetRetention : IRequest<RetentionStatus>;

/// <param name="ClosedCaseDays">The period in force: days after a case is closed or dismissed; 0 keeps everything.</param>
/// <param name="ConfiguredDays">Triage:Retention:ClosedCaseDays, in force unless an admin set another period here.</param>
/// <param name="Overridden">True when an admin's setting replaces the configured period.</param>
/// <param name="DueCases">Finished cases past the period whose reporters' data is not erased yet: the next pass erases them.</param>
public sealed record RetentionStatus(int ClosedCaseDays, int ConfiguredDays, bool Overridden, long DueCases, RetentionRun? LastRun);

/// <summary>One pass of the retention job: when, under which period, and what it erased.</summary>
public sealed record RetentionRun(DateTimeOffset At, int ClosedCaseDays, long Cases, long Reports, long Evidence, long Files);
