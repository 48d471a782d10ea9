using Dapper;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Notifications;
using Triage.Server.Notifications;
using Triage.Server.Pipeline;

namespace Triage.Server.Cases;

/// <summary>
/// The parent unit receives the case in its Inbox; the status and unit it left are remembered so a
/// deescalation can put it back exactly. The parent's reviewers are notified. The top unit has nobody above it, so that is a conflict, not a no-op.
/// </summary>
public sealed class EscalateCaseHandler : CommandHandler<EscalateCase, CaseChanged>
{
    protected override async Task<CaseChanged> Handle(EscalateCase request, Work work, CancellationToken ct)
    {
        var current = await CaseWrites.BeginAsync(work, request, CaseAction.Escalation);
        var parent = await work.Connection.ExecuteScalarAsync<long?>(
            "SELECT parent_id FROM org_units WHERE id = @OwnerUnitId", new { current.OwnerUnitId }, work.Transaction)
            ?? throw new ConflictException(CaseRules.TopUnitCannotEscalate, "The case is owned by the top unit and cannot rise further.");

        var changed = await RaiseAsync(work, current, parent);

        // The parent's reviewers did not ask for the case; without a word it would sit unseen in their Inbox.
        // (The SLA watcher tells them with a breach notice instead, so this stays out of RaiseAsync.)
        var reviewers = await work.Connection.QueryAsync<long>("""
            SELECT u.id FROM users u
            WHERE u.unit_id = @parent AND u.disabled_at IS NULL AND u.id IS DISTINCT FROM @me
              AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'reviewer')
            ORDER BY u.id
            """, new { parent, me = work.Actor.UserId }, work.Transaction);
        foreach (var reviewer in reviewers)
            await NotificationWrites.AddAsync(work, reviewer, NotificationKind.Escalation, current.Id, request.Reason);
        return changed;
    }

    /// <summary>The move itself, shared with the SLA watcher's escalation of a breached case.</summary>
    internal static async Task<CaseChanged> RaiseAsync(Work work, CaseWrites.Current current, long parent)
    {
        var changed = await CaseWrites.CommitAsync(work, current, """
            status_before_escalation = @before, escalated_from_unit_id = owner_unit_id, owner_unit_id = @parent,
            queue_id = (SELECT id FROM queues WHERE unit_id = @parent AND is_inbox = TRUE)
            """, new { before = current.Status.Code(), parent });
        work.Detail("ownerUnitId", parent);
        return changed;
    }
}
