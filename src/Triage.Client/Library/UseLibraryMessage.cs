using Triage.Client.Pipeline;

namespace Triage.Client.Library;

/// <summary>
/// Starts a draft for a case from a library message: counts the use, remembers it on the case (so the
/// case's similar cases suggest it later) and answers the parts the draft starts from.
/// </summary>
[AllowRoles(Role.Responder, Role.Reviewer)]
public sealed class UseLibraryMessage : ICommand<LibraryDraft>
{
    /// <summary>Set by the route.</summary>
    public long MessageId { get; set; }

    public long CaseId { get; set; }
}

public sealed record LibraryDraft(long MessageId, long CaseId, string Title, string Text, string Language, string? Claim,
    IReadOnlyList<string> Countermeasures, long UsageCount);
