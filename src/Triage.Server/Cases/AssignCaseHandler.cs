using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Server.Pipeline;

namespace Triage.Server.Cases;

/// <summary>
/// Gives the case to a responder on the owning unit's line: at the owning unit, an ancestor (a
/// provincial communicator may take a district's case) or a descendant (a commune's communicator
/// answers locally), never a sibling branch, which could not read the case.
/// </summary>
public sealed class AssignCaseHandler(IStringLocalizer<Strings> localizer) : CommandHandler<AssignCase, CaseChanged>
{
    protected override async Task<CaseChanged> Handle(AssignCase request, Work work, CancellationToken ct)
    {
        var responder = await work.Connection.QuerySingleOrDefaultAsync<(long Id, string Path)?>("""
            SELECT u.id, o.path FROM users u JOIN org_units o ON o.id = u.unit_id
            WHERE u.email = @email AND u.disabled_at IS NULL
              AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'responder')
            """, new { email = (request.ResponderEmail ?? "").Trim() }, work.Transaction);
        if (responder is null) throw Field(CaseRules.NotAResponder);

        var current = await CaseWrites.BeginAsync(work, request, CaseAction.Assignment);
        var (id, path) = responder.Value;
        if (!path.StartsWith(current.OwnerPath, StringComparison.Ordinal) && !current.OwnerPath.StartsWith(path, StringComparison.Ordinal))
            throw Field(CaseRules.ResponderOutOfReach);

        var changed = await CaseWrites.CommitAsync(work, current, "assignee_user_id = @id", new { id });
        work.Detail("assigneeUserId", id);
        return changed;
    }

    private ValidationFailedException Field(string key) =>
        new(new Dictionary<string, string[]> { ["responderEmail"] = [localizer[key]] });
}
