using Triage.Server.Data;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Library;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Resources;
using Triage.Server.Pipeline;
using Triage.Server.Search;

namespace Triage.Server.Library;

/// <summary>Writes the message, its countermeasure tags and its folded search row together; bad codes save nothing.</summary>
public sealed class SaveLibraryMessageHandler(IStringLocalizer<Strings> localizer) : CommandHandler<SaveLibraryMessage, LibraryMessage>
{
    public const string UnknownCountermeasure = "Library.UnknownCountermeasure";
    public const string UnknownLanguage = "Library.UnknownLanguage";

    protected override async Task<LibraryMessage> Handle(SaveLibraryMessage request, Work work, CancellationToken ct)
    {
        var countermeasures = (request.Countermeasures ?? []).OfType<string>().Select(c => c.Trim().ToUpperInvariant())
            .Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        var title = request.Title.Trim();
        var text = request.Text.Trim();
        var claim = string.IsNullOrWhiteSpace(request.Claim) ? null : request.Claim.Trim();
        var language = request.Language.Trim().ToLowerInvariant();
        await CheckAsync(work, title, text, language, request.Category, countermeasures);

        long id;
        if (request.Id is { } existing)
        {
            var updated = await work.Connection.ExecuteAsync("""
                UPDATE library_messages SET title = @title, text = @text, language = @language, category = @Category, claim = @claim, updated_at = @Now
                WHERE id = @existing
                """, new { title, text, language, request.Category, claim, work.Now, existing }, work.Transaction);
            if (updated == 0) throw new NotFoundException("Library message");
            id = existing;
        }
        else
        {
            id = await work.Connection.ExecuteScalarAsync<long>("""
                INSERT INTO library_messages (title, text, language, category, claim, created_by_user_id, created_at, updated_at)
                VALUES (@title, @text, @language, @Category, @claim, @userId, @Now, @Now)
                RETURNING id
                """, new { title, text, language, request.Category, claim, userId = work.Actor.UserId, work.Now }, work.Transaction);
        }

        await work.Connection.ExecuteAsync("DELETE FROM library_message_countermeasures WHERE message_id = @id", new { id }, work.Transaction);
        await work.Connection.ExecuteAsync("""
            INSERT INTO library_message_countermeasures (message_id, countermeasure_id) VALUES (@id, @countermeasure)
            """, countermeasures.Select(countermeasure => new { id, countermeasure }), work.Transaction);
        await work.Connection.ExecuteAsync("DELETE FROM library_search WHERE rowid = @id", new { id }, work.Transaction);
        await work.Connection.ExecuteAsync("""
            INSERT INTO library_search (rowid, title, text, claim) VALUES (@id, @title, @text, @claim)
            """, new { id, title = SearchText.Fold(title), text = SearchText.Fold(text), claim = SearchText.Fold(claim) }, work.Transaction);

        work.Subject("library_message", id);
        work.Detail("title", title);
        work.Detail("category", request.Category);
        work.Detail("countermeasures", countermeasures);

        var row = await work.Connection.QuerySingleAsync<LibraryReads.Row>(
            $"SELECT {LibraryReads.Columns} FROM library_messages m WHERE m.id = @id", new { id }, work.Transaction);
        return (await LibraryReads.WithTagsAsync(work.Connection, work.Transaction, [row]))[0];
    }

    private async Task CheckAsync(Work work, string title, string text, string language, string category, List<string> countermeasures)
    {
        var errors = new Dictionary<string, string[]>();
        // DataAnnotations pass "   "; a message of blanks is no message.
        if (title.Length == 0) errors["title"] = [localizer[FieldRules.Required]];
        if (text.Length == 0) errors["text"] = [localizer[FieldRules.Required]];
        if (!LibraryLanguages.All.Contains(language)) errors["language"] = [localizer[UnknownLanguage]];
        if (!await work.Connection.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM taxonomy_terms WHERE kind = 'category' AND code = @category)", new { category }, work.Transaction))
            errors["category"] = [localizer[ReportRules.UnknownCategory]];
        var known = (await work.Connection.QueryAsync<string>(
            $"SELECT id FROM disarm_countermeasures WHERE id {work.Connection.InList("@countermeasures")}", new { countermeasures }, work.Transaction)).ToHashSet();
        var unknown = countermeasures.Where(c => !known.Contains(c)).ToList();
        if (unknown.Count > 0) errors["countermeasures"] = [localizer[UnknownCountermeasure, string.Join(", ", unknown)]];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
    }
}
