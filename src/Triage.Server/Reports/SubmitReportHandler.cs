using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Resources;
using Triage.Server.Evidence;
using Triage.Server.Pipeline;

namespace Triage.Server.Reports;

/// <summary>
/// A member's report: replays a retried submit by its Idempotency-Key, checks the category and the screenshots,
/// files the report through <see cref="Intake"/> (grouping, routing, webhooks) and stores the cleaned screenshots.
/// </summary>
public sealed class SubmitReportHandler(EvidenceStore evidence, IStringLocalizer<Strings> localizer)
    : CommandHandler<SubmitReport, SubmittedReport>
{
    protected override async Task<SubmittedReport> Handle(SubmitReport request, Work work, CancellationToken ct)
    {
        var actor = work.Actor;
        var userId = actor.UserId ?? throw new ForbiddenException();
        var key = string.IsNullOrWhiteSpace(request.IdempotencyKey) ? null : request.IdempotencyKey.Trim();
        var fingerprint = Fingerprint(request);
        if (key is not null && await ReplayAsync(work, userId, key, fingerprint) is { } replay)
            return replay;

        var url = ParseUrl(request.Url);
        var images = await CheckInputsAsync(request, work);
        var platform = string.IsNullOrWhiteSpace(request.Platform) ? null : request.Platform;
        var (reportId, caseId, matchedBy) = await Intake.FileAsync(work, new Filing(
            userId, actor.UnitId ?? throw new ForbiddenException(), actor.UnitPath, url, platform, request.Text, request.Category, request.Note, work.Now));

        var hashes = await StoreEvidenceAsync(work, reportId, images, ct);

        var result = new SubmittedReport(reportId, caseId, matchedBy);
        if (key is not null)
            await work.Connection.ExecuteAsync("""
                INSERT INTO idempotency_keys (user_id, key, request_hash, response, created_at)
                VALUES (@userId, @key, @fingerprint, @response, @Now)
                """, new { userId, key, fingerprint, response = JsonSerializer.Serialize(result), work.Now }, work.Transaction);

        work.Subject("report", reportId);
        work.Detail("caseId", caseId);
        work.Detail("matchedBy", matchedBy);
        if (hashes.Count > 0) work.Detail("evidence", hashes);
        return result;
    }

    private static async Task<SubmittedReport?> ReplayAsync(Work work, long userId, string key, string fingerprint)
    {
        var previous = await work.Connection.QuerySingleOrDefaultAsync<(string Hash, string Response)?>(
            "SELECT request_hash, response FROM idempotency_keys WHERE user_id = @userId AND key = @key",
            new { userId, key }, work.Transaction);
        if (previous is null) return null;
        if (previous.Value.Hash != fingerprint)
            throw new ConflictException("Conflict.IdempotencyKeyReused", "This Idempotency-Key was used for a different report.");
        var replay = JsonSerializer.Deserialize<SubmittedReport>(previous.Value.Response)!;
        work.Subject("report", replay.ReportId);
        work.Detail("replayed", true);
        return replay;
    }

    private static PostUrl? ParseUrl(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? null : PostUrls.TryParse(raw, out var url, out _) ? url : null;

    /// <summary>The checks that need the database or the bytes; the validation behaviour did the rest.</summary>
    private async Task<List<CleanImage>> CheckInputsAsync(SubmitReport request, Work work)
    {
        var errors = new Dictionary<string, string[]>();
        if (Blank(request.Category) is { } category && !await work.Connection.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM taxonomy_terms WHERE kind = 'category' AND code = @category)", new { category }, work.Transaction))
            errors["category"] = [localizer[ReportRules.UnknownCategory]];

        var images = new List<CleanImage>();
        var problems = new List<string>();
        foreach (var (screenshot, index) in request.Screenshots.Select((s, i) => (s, i)))
        {
            if (ImageSanitizer.TryClean(screenshot.Content, out var image, out var error)) images.Add(image!);
            else problems.Add(localizer[error!, index + 1, screenshot.FileName ?? ""]);
        }
        if (problems.Count > 0) errors["screenshots"] = [.. problems];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return images;
    }

    private async Task<List<string>> StoreEvidenceAsync(Work work, long reportId, List<CleanImage> images, CancellationToken ct)
    {
        var hashes = new List<string>();
        foreach (var (image, position) in images.Select((image, i) => (image, i)))
        {
            var sha = await evidence.SaveAsync(image.Content, ct);
            await work.Connection.ExecuteAsync("""
                INSERT INTO evidence (sha256, content_type, bytes, width, height, created_at)
                VALUES (@sha, @ContentType, @bytes, @Width, @Height, @Now) ON CONFLICT DO NOTHING;
                INSERT INTO report_evidence (report_id, position, sha256) VALUES (@reportId, @position, @sha);
                """, new { sha, image.ContentType, bytes = image.Content.Length, image.Width, image.Height, work.Now, reportId, position }, work.Transaction);
            hashes.Add(sha);
        }
        return hashes;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>What makes two submits "the same request" for an Idempotency-Key.</summary>
    private static string Fingerprint(SubmitReport r)
    {
        var parts = new[] { r.Url, r.Platform, r.Text, r.Category, r.Note }.Select(p => p?.Trim() ?? "")
            .Concat(r.Screenshots.Select(s => EvidenceStore.HashOf(s.Content)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));
    }
}
