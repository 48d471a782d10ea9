using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Notifications;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.Responses;
using Triage.Server.Notifications;
using Triage.Server.Pipeline;

namespace Triage.Server.Responses;

public sealed class RequestApprovalHandler(IStringLocalizer<Strings> localizer) : CommandHandler<RequestApproval, ResponseSaved>
{
    protected override async Task<ResponseSaved> Handle(RequestApproval request, Work work, CancellationToken ct)
    {
        var message = await ResponseWrites.LoadAsync(work, request.ResponseId);
        if (message.AuthorId != work.Actor.UserId)
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["response"] = [localizer[ResponseRules.NotYourDraft]] });
        if (!message.RequiresApproval)
            throw new ConflictException(ResponseRules.ApprovalNotRequired, "This case's queue does not ask for approval.");
        if (message.State != ResponseStatus.Draft) throw new ConflictException(ResponseRules.NotADraft, "Only a draft can be sent for approval.");

        await work.Connection.ExecuteAsync("""
            UPDATE counter_messages SET status = 'awaiting_approval', updated_at = @Now WHERE id = @Id
            """, new { work.Now, message.Id }, work.Transaction);
        work.Subject("case", message.CaseId);
        work.Detail("response", message.Id);

        // Those who may approve are the reviewers over the owning unit; the nearest of them are told (a commune
        // often has no reviewer of its own, and the whole province need not hear of every draft).
        var reviewers = await work.Connection.QueryAsync<long>("""
            WITH owner AS (SELECT o.path FROM cases c JOIN org_units o ON o.id = c.owner_unit_id WHERE c.id = @CaseId),
            candidates AS (
                SELECT u.id, length(ou.path) AS depth
                FROM users u JOIN org_units ou ON ou.id = u.unit_id CROSS JOIN owner
                WHERE substr(owner.path, 1, length(ou.path)) = ou.path AND u.disabled_at IS NULL AND u.id <> @AuthorId
                  AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'reviewer'))
            SELECT id FROM candidates WHERE depth = (SELECT max(depth) FROM candidates) ORDER BY id
            """, new { message.CaseId, message.AuthorId }, work.Transaction);
        foreach (var reviewer in reviewers)
            await NotificationWrites.AddAsync(work, reviewer, NotificationKind.Approval, message.CaseId, message.Text);
        return new ResponseSaved(message.Id, ResponseStatus.AwaitingApproval);
    }
}
