using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Audit;

/// <summary>Recomputes the hash chain of the audit log from the first event.</summary>
[AllowRoles(Role.Admin)]
public sealed record VerifyAuditChain : IRequest<AuditChainReport>;

public sealed record AuditChainReport(bool Intact, long EventCount, long? FirstBrokenEventId, string? Problem);
