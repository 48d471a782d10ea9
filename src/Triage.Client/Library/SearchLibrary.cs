using System.ComponentModel.DataAnnotations;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Library;

/// <summary>
/// Approved messages whose title, text or claim hold every word of <see cref="Q"/>, folded ("tiem vac xin"
/// finds "tiêm vắc xin"). For a case, the messages already used on it and on its similar cases come first,
/// then the most used, then the most recently changed.
/// </summary>
[AllowRoles(Role.Responder, Role.Reviewer, Role.Coordinator)]
public sealed class SearchLibrary : IRequest<LibraryPage>
{
    public const int MaxLimit = 100;

    [StringLength(200, ErrorMessage = FieldRules.TooLong)]
    public string? Q { get; set; }

    [StringLength(64, ErrorMessage = FieldRules.TooLong)]
    public string? Category { get; set; }

    /// <summary>The case a message is sought for; must be readable by the caller (404 otherwise).</summary>
    public long? CaseId { get; set; }

    [StringLength(200, ErrorMessage = FieldRules.TooLong)]
    public string? Cursor { get; set; }

    [Range(1, MaxLimit, ErrorMessage = FieldRules.OutOfRange)]
    public int Limit { get; set; } = 20;
}

public sealed record LibraryPage(IReadOnlyList<LibraryMessage> Items, string? NextCursor);
