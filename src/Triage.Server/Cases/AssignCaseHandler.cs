using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Cases;
using Triage.Client.Notifications;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Resources;
using Triage.Server.Notifications;
using Triage.Server.Pipeline;
using Triage.Server.Queue;
using Triage.Client.Webhooks;
using Triage.Server.Webhooks;

namespace Triage.Server.Cases;

/// <summary>
/// Gives the case to a responder on the owning unit's line: at the owning unit, an ancestor (a
/// provincial communicator may take a district's case) or a descendant (a commune's communicator
/// answers locally), never a sibling branch, which could not read the case.
/// <para>
/// Automatically, the case's queue chooses by its strategy, and the owning unit's own responders come
/// first: they know the place and the language of the post, and a provincial responder who sits on
/// every district's line would otherwise take a share of every district's cases. Only when none of
/// them exists or has room under the queue's cap does the choice widen to the rest of the line.
/// The cap bounds automatic choices only; a reviewer choosing by name may knowingly go over it.
/// </para>
/// <para>
/// The choice and the write happen in the command's one write transaction, so two automatic
/// assignments never both see the same free slot.
/// </para>
/// </summary>
public sealed class AssignCaseHandler(IStringLocalizer<Strings> localizer) : CommandHandler<AssignCase, CaseChanged>
{
    protected override async Task<CaseChanged> Handle(AssignCase request, Work work, CancellationToken ct)
    {
        if (request.Auto)
        {
            var current = await CaseWrites.BeginAsync(work, request, CaseAction.Assignment);
            return await CommitAsync(work, current, await PickAsync(work, current));
        }

        var responder = await work.Connection.QuerySingleOrDefaultAsync<(long Id, string Path)?>("""
            SELECT u.id, o.path FROM users u JOIN org_units o ON o.id = u.unit_id
            WHERE u.email = @email AND u.disabled_at IS NULL
              AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'responder')
            """, new { email = (request.ResponderEmail ?? "").Trim() }, work.Transaction);
        if (responder is null) throw Field("responderEmail", CaseRules.NotAResponder);

        var manual = await CaseWrites.BeginAsync(work, request, CaseAction.Assignment);
        var (id, path) = responder.Value;
        if (!path.StartsWith(manual.OwnerPath, StringComparison.Ordinal) && !manual.OwnerPath.StartsWith(path, StringComparison.Ordinal))
            throw Field("responderEmail", CaseRules.ResponderOutOfReach);
        return await CommitAsync(work, manual, id);
    }

    /// <summary>Writes the assignment and tells the responder; shared with routing's automatic assignment.</summary>
    internal static async Task<CaseChanged> CommitAsync(Work work, CaseWrites.Current current, long responderId)
    {
        var changed = await CaseWrites.CommitAsync(work, current, "assignee_user_id = @responderId", new { responderId });
        work.Detail("assigneeUserId", responderId);
        await WebhookOutbox.EnqueueAsync(work, WebhookEvents.CaseAssigned, current.Id);
        if (responderId != work.Actor.UserId)
            await NotificationWrites.AddAsync(work, responderId, NotificationKind.Assignment, current.Id);
        return changed;
    }

    private async Task<long> PickAsync(Work work, CaseWrites.Current current)
    {
        var pick = await TryPickAsync(work, current.Id, current.OwnerUnitId, current.OwnerPath);
        return pick.ResponderId ?? throw Field("auto", pick.Problem!, pick.Cap ?? 0);
    }

    /// <summary>What an automatic choice found: a responder, or the message key saying why there is none.</summary>
    internal sealed record AutoPick(long? ResponderId, string? Problem, int? Cap);

    /// <summary>
    /// Chooses by the case's queue: its strategy (or <paramref name="strategy"/>, a routing rule's) and its cap.
    /// Records the choice in the queue's round-robin pointer and the audit details.
    /// </summary>
    internal static async Task<AutoPick> TryPickAsync(Work work, long caseId, long ownerUnitId, string ownerPath, AssignmentStrategy? strategy = null)
    {
        var queue = await work.Connection.QuerySingleAsync<QueueRow>("""
            SELECT q.id AS Id, q.assignment_strategy AS Strategy, q.assignment_cap AS Cap, q.last_auto_assignee_id AS Last
            FROM cases c JOIN queues q ON q.id = c.queue_id
            WHERE c.id = @caseId
            """, new { caseId }, work.Transaction);
        var chosenStrategy = strategy ?? QueueStrategies.Parse(queue.Strategy);
        if (chosenStrategy == AssignmentStrategy.Manual) return new AutoPick(null, CaseRules.AutoAssignManual, queue.Cap);

        // From the responder role (a few hundred rows) rather than from users (every member too).
        var candidates = (await work.Connection.QueryAsync<Candidate>("""
            SELECT u.id AS Id, u.unit_id = @ownerUnitId AS Local,
                   (SELECT count(*) FROM cases a WHERE a.assignee_user_id = u.id AND a.status = 'assigned') AS Load
            FROM user_roles r JOIN users u ON u.id = r.user_id JOIN org_units o ON o.id = u.unit_id
            WHERE r.role = 'responder' AND u.disabled_at IS NULL
              AND (substr(o.path, 1, length(@ownerPath)) = @ownerPath OR substr(@ownerPath, 1, length(o.path)) = o.path)
            ORDER BY u.id
            """, new { ownerUnitId, ownerPath }, work.Transaction)).AsList();
        if (candidates.Count == 0) return new AutoPick(null, CaseRules.AutoAssignNobody, queue.Cap);

        var chosen = Choose(chosenStrategy, candidates.Where(c => c.Local), queue)
            ?? Choose(chosenStrategy, candidates.Where(c => !c.Local), queue);
        if (chosen is null) return new AutoPick(null, CaseRules.AutoAssignFull, queue.Cap);

        await work.Connection.ExecuteAsync("UPDATE queues SET last_auto_assignee_id = @chosen WHERE id = @Id",
            new { chosen, queue.Id }, work.Transaction);
        work.Detail("queueId", queue.Id);
        work.Detail("strategy", QueueStrategies.Code(chosenStrategy));
        return new AutoPick(chosen, null, queue.Cap);
    }

    /// <summary>
    /// The turn order starts after the queue's last choice and wraps; round robin takes the first in turn
    /// with room, least load the least loaded with room, ties going to whoever is first in turn.
    /// </summary>
    private static long? Choose(AssignmentStrategy strategy, IEnumerable<Candidate> candidates, QueueRow queue)
    {
        var ordered = candidates.OrderBy(c => c.Id).ToList();
        var inTurn = ordered.Where(c => c.Id > (queue.Last ?? 0)).Concat(ordered.Where(c => c.Id <= (queue.Last ?? 0)))
            .Where(c => queue.Cap is not { } cap || c.Load < cap)
            .ToList();
        if (inTurn.Count == 0) return null;
        return strategy == AssignmentStrategy.LeastLoad ? inTurn.MinBy(c => c.Load)!.Id : inTurn[0].Id;
    }

    private ValidationFailedException Field(string field, string key, params object[] args) =>
        new(new Dictionary<string, string[]> { [field] = [localizer[key, args]] });

    private sealed class QueueRow
    {
        public long Id { get; init; }
        public string Strategy { get; init; } = "";
        public int? Cap { get; init; }
        public long? Last { get; init; }
    }

    private sealed class Candidate
    {
        public long Id { get; init; }
        public bool Local { get; init; }
        public int Load { get; init; }
    }
}
