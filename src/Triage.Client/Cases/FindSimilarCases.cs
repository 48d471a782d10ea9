using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Cases;

/// <summary>Cases whose reports read like this text, among the cases the caller may read, best first.</summary>
[AllowSignedIn]
public sealed class FindSimilarCases : IRequest<SimilarCasePage>
{
    public const int MaxLimit = 50;

    [Required(ErrorMessage = FieldRules.Required), StringLength(5000, ErrorMessage = FieldRules.TooLong)]
    public string Text { get; set; } = "";

    [Range(1, MaxLimit, ErrorMessage = FieldRules.OutOfRange)]
    public int Limit { get; set; } = 10;

    /// <summary>Leaves this case out (a case is not similar to itself).</summary>
    public long? ExceptCaseId { get; set; }
}

public sealed record SimilarCasePage(IReadOnlyList<SimilarCase> Items);

/// <param name="Score">Higher is closer; comparable between the cases of one answer only.</param>
public sealed record SimilarCase(long CaseId, double Score, string Title, CaseStatus Status);
