using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Triage.Client.Pipeline;

namespace Triage.Client.Cases;

/// <summary>
/// An internal note on a case, for staff only (never shown to reporters). <c>@email</c> mentions a
/// colleague who may read the case; they are notified. Not versioned: comments never conflict.
/// </summary>
[AllowRoles(Role.Reviewer, Role.Responder, Role.Coordinator)]
public sealed class CommentOnCase : ICommand<CaseComment>, ICaseRequest
{
    [JsonIgnore]
    public long CaseId { get; set; }

    [Required(ErrorMessage = FieldRules.Required), StringLength(4000, ErrorMessage = FieldRules.TooLong)]
    public string Text { get; set; } = "";
}

public sealed record CaseComment(long Id, long CaseId, Person Author, string Text, IReadOnlyList<Person> Mentions, DateTimeOffset At);
