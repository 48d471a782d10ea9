using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Cases;
using Triage.Client.Notifications;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Server.Notifications;
using Triage.Server.Pipeline;

namespace Triage.Server.Cases;

/// <summary>
/// Only colleagues who may read the comment can be mentioned: active staff who may read the case.
/// A mention of anyone else (or of an address nobody has) is refused as a whole, naming them, so the
/// author never believes someone was told who was not; the same message covers both, so a comment
/// cannot probe which addresses exist. Each person mentioned is told once, the author never.
/// </summary>
public sealed partial class CommentOnCaseHandler(IStringLocalizer<Strings> localizer) : CommandHandler<CommentOnCase, CaseComment>
{
    private static readonly Role[] Staff = [Role.Reviewer, Role.Responder, Role.Coordinator, Role.Admin];

    protected override async Task<CaseComment> Handle(CommentOnCase request, Work work, CancellationToken ct)
    {
        var text = request.Text.Trim();
        var mentioned = Mentions(text);
        var people = new List<Person>();
        var refused = new List<string>();
        foreach (var email in mentioned)
        {
            if (await MentionableAsync(work, request.CaseId, email) is { } person) people.Add(person);
            else refused.Add(email);
        }
        if (refused.Count > 0)
            throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["text"] = [localizer[CaseRules.MentionUnknown, string.Join(", ", refused)]],
            });

        var id = await work.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO case_comments (case_id, author_user_id, text, created_at) VALUES (@CaseId, @author, @text, @Now) RETURNING id
            """, new { request.CaseId, author = work.Actor.UserId, text, work.Now }, work.Transaction);
        await work.Connection.ExecuteAsync("INSERT INTO comment_mentions (comment_id, user_id) VALUES (@id, @user)",
            people.Select(p => new { id, user = p.Id }), work.Transaction);
        foreach (var person in people.Where(p => p.Id != work.Actor.UserId))
            await NotificationWrites.AddAsync(work, person.Id, NotificationKind.Mention, request.CaseId, text);

        work.Subject("case", request.CaseId);
        work.Detail("commentId", id);
        if (people.Count > 0) work.Detail("mentionedUserIds", people.Select(p => p.Id).ToList());
        return new CaseComment(id, request.CaseId, new Person(work.Actor.UserId ?? 0, work.Actor.Email, work.Actor.Name), text, people, work.Now);
    }

    /// <summary>Each address once, in the order written, compared as the users table does (case-insensitively).</summary>
    public static IReadOnlyList<string> Mentions(string text) =>
        MentionPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The mentioned user as an actor of their own, judged by the rule that judges the caller's reads.</summary>
    private static async Task<Person?> MentionableAsync(Work work, long caseId, string email)
    {
        var user = await work.Connection.QuerySingleOrDefaultAsync<(long Id, string Email, string Name, string Path, string? Roles)?>("""
            SELECT u.id, u.email, u.name, o.path, (SELECT string_agg(role, ',') FROM user_roles r WHERE r.user_id = u.id)
            FROM users u JOIN org_units o ON o.id = u.unit_id
            WHERE u.email = @email AND u.disabled_at IS NULL
            """, new { email }, work.Transaction);
        if (user is not { } u) return null;
        var actor = new Actor(u.Id, u.Email, u.Name, null, u.Path, Roles.ParseList(u.Roles).ToHashSet());
        if (!actor.HasAny(Staff)) return null; // a member may read their own report's case, never its staff comments
        var parameters = new DynamicParameters(CaseAccess.Parameters(actor));
        parameters.Add("CaseId", caseId);
        var readable = await work.Connection.ExecuteScalarAsync<bool>(
            $"SELECT EXISTS (SELECT 1 FROM cases c WHERE c.id = @CaseId AND {CaseAccess.ReadableSql})", parameters, work.Transaction);
        return readable ? new Person(u.Id, u.Email, u.Name) : null;
    }

    /// <summary><c>@</c> then an address, not preceded by a word character (so the middle of an address is no mention).</summary>
    [GeneratedRegex(@"(?<![\w@.])@([\w.%+-]+@[\w-]+(?:\.[\w-]+)+)")]
    private static partial Regex MentionPattern();
}
