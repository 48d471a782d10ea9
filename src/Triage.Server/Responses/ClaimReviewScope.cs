using Triage.Client.Responses;
using Triage.Server.Cases;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Responses;

/// <summary>The ClaimReview is part of its case: whoever may read the case may read it, anyone else gets 404.</summary>
public sealed class ClaimReviewScope(Db db) : IScopeRule<GetClaimReview>
{
    public async Task<bool> InScopeAsync(GetClaimReview request, Actor actor, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await CaseAccess.IsReadableAsync(connection, request.CaseId, actor);
    }
}
