using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Cases;

/// <summary>
/// A case's story for staff: the timeline from the audit log (who did what, when) and the internal
/// comments, oldest first.
/// </summary>
[AllowRoles(Role.Reviewer, Role.Responder, Role.Coordinator)]
public sealed record GetCaseActivity(long CaseId) : IRequest<CaseActivity>, ICaseRequest;

public sealed record CaseActivity(IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<CaseComment> Comments);

/// <param name="Action">The audited request's name, e.g. <c>ClassifyCase</c>; the page localizes it.</param>
/// <param name="Details">What changed (from, to, verdict, assignee ...), as the audit event recorded it.</param>
public sealed record TimelineEntry(long EventId, DateTimeOffset At, string Action, Person? Actor, IReadOnlyDictionary<string, string> Details);
