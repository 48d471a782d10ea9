using System.Data.Common;
using Dapper;
using Triage.Client.Pipeline;
using Triage.Client.Responses;
using Triage.Server.Cases;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Responses;

/// <summary>
/// A message belongs to its case: who cannot read the case gets 404 for both. A reader who may not
/// work on the case gets 403. Reviewers work on cases owned in their subtree; a responder only on
/// cases assigned to them (DESIGN.md transitions, "who").
/// </summary>
public sealed class ResponseScopeRules(Db db) :
    IScopeRule<DraftResponse>, IScopeRule<UpdateDraft>, IScopeRule<ApproveResponse>, IScopeRule<PublishResponse>,
    IScopeRule<RecordReach>, IScopeRule<CloseCase>, IScopeRule<ListCaseResponses>, IScopeRule<RequestApproval>
{
    public Task<bool> InScopeAsync(DraftResponse request, Actor actor, CancellationToken ct) => WorkableAsync(request.CaseId, actor, ct);

    public Task<bool> InScopeAsync(CloseCase request, Actor actor, CancellationToken ct) => WorkableAsync(request.CaseId, actor, ct);

    public Task<bool> InScopeAsync(ListCaseResponses request, Actor actor, CancellationToken ct) => ReadableAsync(request.CaseId, actor, ct);

    public Task<bool> InScopeAsync(UpdateDraft request, Actor actor, CancellationToken ct) => MessageWorkableAsync(request.ResponseId, actor, ct);

    public Task<bool> InScopeAsync(ApproveResponse request, Actor actor, CancellationToken ct) => MessageWorkableAsync(request.ResponseId, actor, ct);

    public Task<bool> InScopeAsync(PublishResponse request, Actor actor, CancellationToken ct) => MessageWorkableAsync(request.ResponseId, actor, ct);

    public Task<bool> InScopeAsync(RequestApproval request, Actor actor, CancellationToken ct) => MessageWorkableAsync(request.ResponseId, actor, ct);

    public Task<bool> InScopeAsync(RecordReach request, Actor actor, CancellationToken ct) => MessageWorkableAsync(request.ResponseId, actor, ct);

    /// <summary>Whether the actor is a reviewer over the case's owner (not merely its assigned responder).</summary>
    public static bool ReviewsOver(Actor actor, string ownerPath) => actor.Has(Role.Reviewer) && actor.Covers(ownerPath);

    private async Task<bool> MessageWorkableAsync(long responseId, Actor actor, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var caseId = await connection.ExecuteScalarAsync<long?>("SELECT case_id FROM counter_messages WHERE id = @responseId", new { responseId });
        return caseId is { } id && await WorkableAsync(connection, id, actor);
    }

    private async Task<bool> ReadableAsync(long caseId, Actor actor, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await CaseAccess.IsReadableAsync(connection, caseId, actor);
    }

    private async Task<bool> WorkableAsync(long caseId, Actor actor, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await WorkableAsync(connection, caseId, actor);
    }

    private static async Task<bool> WorkableAsync(DbConnection connection, long caseId, Actor actor)
    {
        if (!await CaseAccess.IsReadableAsync(connection, caseId, actor)) return false;
        var row = await connection.QuerySingleAsync<(string OwnerPath, long? AssigneeId)>(
            "SELECT o.path, c.assignee_user_id FROM cases c JOIN org_units o ON o.id = c.owner_unit_id WHERE c.id = @caseId", new { caseId });
        var assigned = actor.Roles.Contains(Role.Responder) && row.AssigneeId is { } assignee && assignee == actor.UserId;
        return ReviewsOver(actor, row.OwnerPath) || assigned ? true : throw new ForbiddenException();
    }
}
