using System.Text.Json.Serialization;
using MediatR;
using Triage.Client.Cases;
using Triage.Client.Pipeline;

namespace Triage.Client.Responses;

/// <summary>
/// The case's verdict as a schema.org ClaimReview (JSON-LD) that search engines and other fact-checkers read,
/// for whoever may read the case. It exists only once a debunk is published; it names no reporter.
/// </summary>
[AllowSignedIn]
public sealed record GetClaimReview(long CaseId) : ICaseRequest, IRequest<ClaimReviewDocument>;

/// <summary>The JSON-LD document; property names are schema.org's, so they are spelled out rather than left to a naming policy.</summary>
public sealed record ClaimReviewDocument(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("claimReviewed")] string ClaimReviewed,
    [property: JsonPropertyName("reviewRating")] ClaimReviewRating ReviewRating,
    [property: JsonPropertyName("itemReviewed")] ReviewedClaim ItemReviewed,
    [property: JsonPropertyName("author")] ReviewOrganization Author,
    [property: JsonPropertyName("datePublished")] string DatePublished,
    [property: JsonPropertyName("inLanguage")] string InLanguage)
{
    /// <summary>The longest <c>claimReviewed</c>, ellipsis included: a summary a search result can show.</summary>
    public const int MaxClaimLength = 300;

    /// <summary>Whether the document exists for a case, from what the case page already holds; the server decides the same way.</summary>
    public static bool IsAvailable(string? verdict, IEnumerable<CaseResponse> responses) =>
        verdict is not null && responses.Any(r => r.Kind == "debunk" && r.Status == ResponseStatus.Published);

    [JsonPropertyName("@context")]
    [JsonPropertyOrder(-2)]
    public string Context { get; } = "https://schema.org";

    [JsonPropertyName("@type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "ClaimReview";
}

/// <param name="RatingValue">The verdict on the scale of <see cref="ClaimReviewScale"/>.</param>
/// <param name="AlternateName">The verdict's label in the counter-message's language.</param>
public sealed record ClaimReviewRating(
    [property: JsonPropertyName("ratingValue")] int RatingValue,
    [property: JsonPropertyName("alternateName")] string AlternateName)
{
    [JsonPropertyName("@type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "Rating";

    [JsonPropertyName("bestRating")]
    public int BestRating { get; } = ClaimReviewScale.Best;

    [JsonPropertyName("worstRating")]
    public int WorstRating { get; } = ClaimReviewScale.Worst;
}

/// <summary>The claim as it appeared: the reported posts, earliest first. A case reported only as text or screenshots has none.</summary>
public sealed record ReviewedClaim(
    [property: JsonPropertyName("appearance"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ClaimAppearance>? Appearance,
    [property: JsonPropertyName("firstAppearance"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ClaimAppearance? FirstAppearance)
{
    [JsonPropertyName("@type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "Claim";
}

public sealed record ClaimAppearance([property: JsonPropertyName("url")] string Url)
{
    [JsonPropertyName("@type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "CreativeWork";
}

public sealed record ReviewOrganization([property: JsonPropertyName("name")] string Name)
{
    [JsonPropertyName("@type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "Organization";
}

/// <summary>
/// Decision 0013: the taxonomy's verdicts on a 1 (false) to 5 (true) scale, the scale most fact-checkers
/// publish; the exact verdict travels as the rating's <c>alternateName</c>.
/// </summary>
public static class ClaimReviewScale
{
    public const int Worst = 1;
    public const int Best = 5;

    public static readonly IReadOnlyDictionary<string, int> Ratings = new Dictionary<string, int>
    {
        ["false"] = 1,
        ["scam"] = 1,
        ["misleading"] = 2,
        ["hostile"] = 2,
        ["out_of_context"] = 3,
        ["unverifiable"] = 3,
        ["accurate"] = 5,
    };

    /// <summary>A verdict added to the taxonomy later has no place on the scale yet: it reads as undetermined (3), never as true.</summary>
    public static int Of(string verdict) => Ratings.GetValueOrDefault(verdict, 3);
}
