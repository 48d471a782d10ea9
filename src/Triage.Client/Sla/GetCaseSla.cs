using MediatR;
using Triage.Client.Cases;
using Triage.Client.Pipeline;

namespace Triage.Client.Sla;

/// <summary>A case's due times and the breaches recorded against it, for whoever may read the case.</summary>
[AllowSignedIn]
public sealed record GetCaseSla(long CaseId) : IRequest<CaseSla>, ICaseRequest;

/// <param name="Pending">The due time the case waits for now, with its state; null when none.</param>
public sealed record CaseSla(DateTimeOffset? TriageDueAt, DateTimeOffset? ResponseDueAt, SlaDue? Pending, IReadOnlyList<SlaBreach> Breaches);

/// <param name="EscalatedTo">The unit the breach raised the case to; null at the top unit or when the case could not rise.</param>
public sealed record SlaBreach(SlaKind Kind, DateTimeOffset DueAt, DateTimeOffset RecordedAt, string UnitName, string? EscalatedToName);
