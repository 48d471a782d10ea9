using Dapper;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Cases;

/// <summary>
/// A case the caller may not read does not exist for them (404). A reader who may not act on it,
/// e.g. a reviewer whose district holds a reporter of a case that rose to the province, gets 403:
/// they know the case, they just cannot change it. Reviewers act on cases owned in their subtree.
/// </summary>
public sealed class CaseScopeRules(Db db) :
    IScopeRule<GetCase>, IScopeRule<ClassifyCase>, IScopeRule<AssignCase>, IScopeRule<DismissCase>, IScopeRule<ReopenCase>,
    IScopeRule<EscalateCase>, IScopeRule<DeescalateCase>, IScopeRule<MergeCase>, IScopeRule<SplitCase>,
    IScopeRule<CommentOnCase>, IScopeRule<GetCaseActivity>
{
    public Task<bool> InScopeAsync(GetCase request, Actor actor, CancellationToken ct) => ReadableAsync(request.CaseId, actor, ct);

    public Task<bool> InScopeAsync(ClassifyCase request, Actor actor, CancellationToken ct) => ActableAsync(request.CaseId, actor, ct);

    public Task<bool> InScopeAsync(AssignCase request, Actor actor, CancellationToken ct) => ActableAsync(request.CaseId, actor, ct);

    public Task<bool> InScopeAsync(DismissCase request, Actor actor, CancellationToken ct) => ActableAsync(request.CaseId, actor, ct);

    public Task<bool> InScopeAsync(ReopenCase request, Actor actor, CancellationToken ct) => ActableAsync(request.CaseId, actor, ct);

    public Task<bool> InScopeAsync(EscalateCase request, Actor actor, CancellationToken ct) => ActableAsync(request.CaseId, actor, ct);

    /// <summary>The current owner is the parent that received the case, so the origin unit's reviewer may read it but not send it back.</summary>
    public Task<bool> InScopeAsync(DeescalateCase request, Actor actor, CancellationToken ct) => ActableAsync(request.CaseId, actor, ct);

    /// <summary>The source here; the target is checked by the handler, so a target out of reach is a field error, not a 403 on the source.</summary>
    public Task<bool> InScopeAsync(MergeCase request, Actor actor, CancellationToken ct) => ActableAsync(request.CaseId, actor, ct);

    public Task<bool> InScopeAsync(SplitCase request, Actor actor, CancellationToken ct) => ActableAsync(request.CaseId, actor, ct);

    /// <summary>Whoever may read the case may discuss it; the request's roles keep members out (403).</summary>
    public Task<bool> InScopeAsync(CommentOnCase request, Actor actor, CancellationToken ct) => ReadableAsync(request.CaseId, actor, ct);

    public Task<bool> InScopeAsync(GetCaseActivity request, Actor actor, CancellationToken ct) => ReadableAsync(request.CaseId, actor, ct);

    private async Task<bool> ReadableAsync(long caseId, Actor actor, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await CaseAccess.IsReadableAsync(connection, caseId, actor);
    }

    private async Task<bool> ActableAsync(long caseId, Actor actor, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        if (!await CaseAccess.IsReadableAsync(connection, caseId, actor)) return false;
        var ownerPath = await connection.ExecuteScalarAsync<string>(
            "SELECT o.path FROM cases c JOIN org_units o ON o.id = c.owner_unit_id WHERE c.id = @caseId", new { caseId });
        return actor.Covers(ownerPath!) ? true : throw new ForbiddenException();
    }
}
