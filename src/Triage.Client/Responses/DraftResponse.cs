using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Triage.Client.Cases;
using Triage.Client.Pipeline;

namespace Triage.Client.Responses;

/// <summary>
/// Writes a counter-message for a case; the caller is its author. With a published URL and time it is
/// published at once (where the case's queue needs no approval), as one write.
/// </summary>
[AllowRoles(Role.Reviewer, Role.Responder)]
public sealed class DraftResponse : ResponseContent, ICaseRequest, ICommand<ResponseSaved>
{
    [JsonIgnore]
    public long CaseId { get; set; }

    [StringLength(2000, ErrorMessage = FieldRules.TooLong)]
    public string? PublishedUrl { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var error in base.Validate(validationContext)) yield return error;
        if (PublishedUrl is null && PublishedAt is null) yield break;
        if (!ResponseCodes.IsWebUrl(PublishedUrl)) yield return FieldRules.Error(ResponseRules.BadUrl, nameof(PublishedUrl));
        if (PublishedAt is null) yield return FieldRules.Error(FieldRules.Required, nameof(PublishedAt));
    }
}
