using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Triage.Client.Pipeline;
using Triage.Client.Reports;

namespace Triage.Client.Responses;

/// <summary>DESIGN.md "Codes": what a counter-message is, where it goes and in which language.</summary>
public static class ResponseCodes
{
    public static readonly IReadOnlyList<string> Kinds = ["debunk", "clarification", "prebunk", "official_information", "platform_report"];
    public static IReadOnlyList<string> Channels => Platforms.All;
    public static readonly IReadOnlyList<string> Languages = ["vi", "en"];
    public static readonly IReadOnlyList<string> Outcomes = ["responded", "no_response_needed", "duplicate", "out_of_scope"];

    /// <summary>Publication times a little ahead of the server's clock are the publisher's clock drifting, not a plan.</summary>
    public static readonly TimeSpan PublishedAtSkew = TimeSpan.FromMinutes(5);

    /// <summary>Only an absolute http or https address is a place a reporter can open.</summary>
    public static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

public static class ResponseRules
{
    public const string UnknownKind = "Validation.Response.UnknownKind";
    public const string UnknownChannel = "Validation.Response.UnknownChannel";
    public const string UnknownLanguage = "Validation.Response.UnknownLanguage";
    public const string UnknownOutcome = "Validation.Response.UnknownOutcome";
    public const string BadUrl = "Validation.Response.BadUrl";
    public const string InFuture = "Validation.Response.InFuture";
    public const string NoFigures = "Validation.Response.NoFigures";
    public const string OwnMessage = "Validation.Response.OwnMessage";
    public const string NotYourDraft = "Validation.Response.NotYourDraft";
    public const string NotADraft = "Conflict.Response.NotADraft";
    public const string ApprovalNotRequired = "Conflict.Response.ApprovalNotRequired";
    public const string NeedsApproval = "Conflict.Response.NeedsApproval";
    public const string AlreadyPublished = "Conflict.Response.AlreadyPublished";
    public const string NotPublished = "Conflict.Response.NotPublished";
}

public enum ResponseStatus
{
    Draft,
    AwaitingApproval,
    Approved,
    Published,
}

public static class ResponseStatuses
{
    public static string Code(this ResponseStatus status) => status switch
    {
        ResponseStatus.AwaitingApproval => "awaiting_approval",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static ResponseStatus Parse(string code) => code switch
    {
        "draft" => ResponseStatus.Draft,
        "awaiting_approval" => ResponseStatus.AwaitingApproval,
        "approved" => ResponseStatus.Approved,
        "published" => ResponseStatus.Published,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown response status."),
    };
}

/// <summary>A request about one counter-message: the server's scope rules find its case by this id.</summary>
public interface IResponseRequest
{
    long ResponseId { get; }
}

/// <summary>The parts every draft and edit carries; checked the same way on both.</summary>
public abstract class ResponseContent : IValidatableObject
{
    [Required(ErrorMessage = FieldRules.Required)]
    public string Kind { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required)]
    public string Channel { get; set; } = "";

    [Required(ErrorMessage = FieldRules.Required)]
    public string Language { get; set; } = "";

    [StringLength(2000, ErrorMessage = FieldRules.TooLong)]
    public string? Fact { get; set; }

    [StringLength(2000, ErrorMessage = FieldRules.TooLong)]
    public string? Myth { get; set; }

    [StringLength(2000, ErrorMessage = FieldRules.TooLong)]
    public string? Fallacy { get; set; }

    /// <summary>The closing fact, restated; left out, the fact is repeated as written.</summary>
    [StringLength(2000, ErrorMessage = FieldRules.TooLong)]
    public string? FactAgain { get; set; }

    [Required(ErrorMessage = FieldRules.Required), StringLength(10000, ErrorMessage = FieldRules.TooLong)]
    public string Text { get; set; } = "";

    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Kind) && !ResponseCodes.Kinds.Contains(Kind))
            yield return FieldRules.Error(ResponseRules.UnknownKind, nameof(Kind));
        if (!string.IsNullOrEmpty(Channel) && !ResponseCodes.Channels.Contains(Channel))
            yield return FieldRules.Error(ResponseRules.UnknownChannel, nameof(Channel));
        if (!string.IsNullOrEmpty(Language) && !ResponseCodes.Languages.Contains(Language))
            yield return FieldRules.Error(ResponseRules.UnknownLanguage, nameof(Language));
    }
}

/// <summary>What a response write left behind.</summary>
public sealed record ResponseSaved(long ResponseId, [property: JsonConverter(typeof(ResponseStatusConverter))] ResponseStatus Status);

/// <summary>Response statuses travel as their snake-case codes, like every other code in the API.</summary>
public sealed class ResponseStatusConverter : JsonConverter<ResponseStatus>
{
    public override ResponseStatus Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        ResponseStatuses.Parse(reader.GetString() ?? "");

    public override void Write(System.Text.Json.Utf8JsonWriter writer, ResponseStatus value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Code());
}
