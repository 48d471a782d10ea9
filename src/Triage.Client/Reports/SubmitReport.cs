using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Triage.Client.Pipeline;

namespace Triage.Client.Reports;

/// <summary>
/// A member flags a post: a link, the text as seen, screenshots, or any mix, but at least one.
/// The report joins the open case of the same post or claim, or opens a new one.
/// </summary>
[AllowRoles(Role.Member)]
public sealed class SubmitReport : ICommand<SubmittedReport>, IValidatableObject
{
    public const int MaxTextLength = 5000;
    public const int MaxNoteLength = 1000;
    public const int MaxScreenshots = 5;
    public const int MaxScreenshotBytes = 5 * 1024 * 1024;

    [StringLength(PostUrls.MaxLength, ErrorMessage = FieldRules.TooLong)]
    public string? Url { get; set; }

    [StringLength(32, ErrorMessage = FieldRules.TooLong)]
    public string? Platform { get; set; }

    [StringLength(MaxTextLength, ErrorMessage = FieldRules.TooLong)]
    public string? Text { get; set; }

    [StringLength(64, ErrorMessage = FieldRules.TooLong)]
    public string? Category { get; set; }

    [StringLength(MaxNoteLength, ErrorMessage = FieldRules.TooLong)]
    public string? Note { get; set; }

    /// <summary>From the Idempotency-Key header or the form: a retried submit gets the first answer.</summary>
    [JsonIgnore, StringLength(100, ErrorMessage = FieldRules.TooLong)]
    public string? IdempotencyKey { get; set; }

    /// <summary>Sent as multipart files, never in JSON; kept out of the audit trail (its hashes are noted instead).</summary>
    [JsonIgnore, Secret]
    public IReadOnlyList<Screenshot> Screenshots { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Url) && string.IsNullOrWhiteSpace(Text) && Screenshots.Count == 0)
            yield return FieldRules.Error(ReportRules.Empty, "report");
        if (!string.IsNullOrWhiteSpace(Url) && !PostUrls.TryParse(Url, out _, out var urlError))
            yield return FieldRules.Error(urlError!, nameof(Url));
        if (!string.IsNullOrWhiteSpace(Platform) && !Platforms.All.Contains(Platform))
            yield return FieldRules.Error(ReportRules.UnknownPlatform, nameof(Platform));
        if (Screenshots.Count > MaxScreenshots)
            yield return FieldRules.Error(ReportRules.TooManyScreenshots, nameof(Screenshots));
    }
}

/// <summary>One uploaded file, as received; the server checks its bytes and strips its metadata.</summary>
public sealed record Screenshot(string? FileName, byte[] Content);

/// <summary><c>matchedBy</c> is "url", "text" or null for a new case.</summary>
public sealed record SubmittedReport(long ReportId, long CaseId, string? MatchedBy);

public static class ReportRules
{
    public const string Empty = "Validation.ReportEmpty";
    public const string UnknownPlatform = "Validation.UnknownPlatform";
    public const string UnknownCategory = "Validation.UnknownCategory";
    public const string TooManyScreenshots = "Validation.TooManyScreenshots";
}

public static class Platforms
{
    public static readonly IReadOnlyList<string> All = ["facebook", "tiktok", "youtube", "zalo", "x", "telegram", "instagram", "web", "other"];
}
