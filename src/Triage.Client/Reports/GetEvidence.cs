using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Reports;

/// <summary>A screenshot, for those who may read a case that holds it.</summary>
[AllowSignedIn]
public sealed record GetEvidence([property: RegularExpression("^[0-9a-f]{64}$", ErrorMessage = FieldRules.Required)] string Sha256)
    : IRequest<EvidenceFile>;

public sealed record EvidenceFile(string Sha256, string ContentType, string Path, long Bytes);
