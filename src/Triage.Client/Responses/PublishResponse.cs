using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Triage.Client.Pipeline;

namespace Triage.Client.Responses;

/// <summary>Records where and when a counter-message went out; the case becomes responded and its reporters hear of it.</summary>
[AllowRoles(Role.Reviewer, Role.Responder)]
public sealed class PublishResponse : IResponseRequest, ICommand<ResponseSaved>, IValidatableObject
{
    [JsonIgnore]
    public long ResponseId { get; set; }

    [Required(ErrorMessage = FieldRules.Required), StringLength(2000, ErrorMessage = FieldRules.TooLong)]
    public string PublishedUrl { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required)]
    public DateTimeOffset? PublishedAt { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(PublishedUrl) && !ResponseCodes.IsWebUrl(PublishedUrl))
            yield return FieldRules.Error(ResponseRules.BadUrl, nameof(PublishedUrl));
    }
}
