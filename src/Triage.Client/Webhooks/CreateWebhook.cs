using System.ComponentModel.DataAnnotations;
using Triage.Client.Pipeline;

namespace Triage.Client.Webhooks;

/// <summary>
/// Subscribes an outside system to case events. The secret signs every delivery; it is stored to sign
/// and never shown again, so the admin keeps their own copy.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed class CreateWebhook : ICommand<CreatedWebhook>, IValidatableObject
{
    [Required(ErrorMessage = FieldRules.Required), StringLength(2000, ErrorMessage = FieldRules.TooLong)]
    public string Url { get; set; } = "";

    public IReadOnlyList<string>? Events { get; set; }

    [Secret, Required(ErrorMessage = FieldRules.Required), StringLength(512, ErrorMessage = FieldRules.TooLong)]
    public string Secret { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(Url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            yield return FieldRules.Error(WebhookRules.UrlNotHttp, nameof(Url));
        if (Events is null || Events.Count == 0)
            yield return FieldRules.Error(WebhookRules.NoEvents, nameof(Events));
        else if (Events.Any(e => !WebhookEvents.All.Contains(e)))
            yield return FieldRules.Error(WebhookRules.UnknownEvent, nameof(Events));
        if (Secret is { Length: > 0 and < WebhookRules.MinSecretLength })
            yield return FieldRules.Error(WebhookRules.SecretTooShort, nameof(Secret));
    }
}

public sealed record CreatedWebhook(long Id);
