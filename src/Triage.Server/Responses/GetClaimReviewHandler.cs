using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Triage.Client.Pipeline;
using Triage.Client.Layout;
using Triage.Client.Responses;
using Triage.Server.Data;
using Triage.Server.Pipeline;
using Triage.Server.Settings;

namespace Triage.Server.Responses;

/// <summary>
/// Built from the latest published debunk, since a later correction supersedes an earlier one. Reporters
/// are left out entirely rather than pseudonymised: the document needs nothing about them (DESIGN.md).
/// </summary>
public sealed class GetClaimReviewHandler(Db db, IOptions<DeskOptions> desk, DeskTime time) : QueryHandler<GetClaimReview, ClaimReviewDocument>(db)
{
    protected override async Task<ClaimReviewDocument> Handle(GetClaimReview request, DbConnection connection, Actor actor, CancellationToken ct)
    {
        var review = await connection.QuerySingleOrDefaultAsync<Review>("""
            SELECT c.title AS Title, c.verdict AS Verdict, nullif(trim(m.myth), '') AS Myth, m.language AS Language, m.published_url AS PublishedUrl, m.published_at AS PublishedAt,
                   CASE m.language WHEN 'vi' THEN t.label_vi ELSE t.label_en END AS VerdictLabel
            FROM cases c
            JOIN counter_messages m ON m.case_id = c.id AND m.kind = 'debunk' AND m.status = 'published'
            LEFT JOIN taxonomy_terms t ON t.kind = 'verdict' AND t.code = c.verdict
            WHERE c.id = @CaseId AND c.verdict IS NOT NULL
            ORDER BY m.published_at DESC, m.id DESC
            LIMIT 1
            """, new { request.CaseId }) ?? throw new NotFoundException("ClaimReview");

        // The claim as first reported, in words; else as the debunk states the myth; the title is the first text cut shorter,
        // or only an address, so it is the last resort.
        var firstText = await connection.ExecuteScalarAsync<string?>("""
            SELECT text FROM reports WHERE case_id = @CaseId AND trim(coalesce(text, '')) <> '' ORDER BY submitted_at, id LIMIT 1
            """, new { request.CaseId });
        var posts = (await connection.QueryAsync<string>("""
            SELECT url_canonical FROM reports WHERE case_id = @CaseId AND url_canonical IS NOT NULL
            GROUP BY url_canonical ORDER BY min(submitted_at), min(id)
            """, new { request.CaseId })).Select(url => new ClaimAppearance(url)).ToList();

        // A date, as fact-checkers publish it, and the desk's date: a message out at 06:30 in Hà Nội was not out "yesterday".
        var publishedAt = DapperSetup.Parse(review.PublishedAt);
        return new ClaimReviewDocument(
            Url: review.PublishedUrl,
            ClaimReviewed: Summary(firstText ?? review.Myth ?? review.Title),
            ReviewRating: new ClaimReviewRating(ClaimReviewScale.Of(review.Verdict), review.VerdictLabel ?? review.Verdict),
            ItemReviewed: posts.Count == 0 ? new ReviewedClaim(null, null) : new ReviewedClaim(posts, posts[0]),
            Author: new ReviewOrganization(await DeskState.OrganisationNameAsync(connection, desk.Value)),
            DatePublished: TimeZoneInfo.ConvertTime(publishedAt, time.Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            InLanguage: review.Language);
    }

    /// <summary>schema.org asks for "a short summary" of the claim; a report may hold 5,000 characters, so it is cut at a word.</summary>
    private static string Summary(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (line.Length <= ClaimReviewDocument.MaxClaimLength) return line;
        var cut = line.LastIndexOf(' ', ClaimReviewDocument.MaxClaimLength - 1);
        return string.Concat(line.AsSpan(0, cut > 0 ? cut : ClaimReviewDocument.MaxClaimLength - 1), "…");
    }

    private sealed class Review
    {
        public string Title { get; init; } = "";
        public string Verdict { get; init; } = "";
        public string? Myth { get; init; }
        public string Language { get; init; } = "";
        public string PublishedUrl { get; init; } = "";
        public string PublishedAt { get; init; } = "";
        public string? VerdictLabel { get; init; }
    }
}
