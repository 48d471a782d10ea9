using Triage.Client.Library;
using Triage.Server.Cases;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Library;

/// <summary>
/// The library itself is desk-wide; only the case a search or a use names is scoped: a case the caller
/// may not read does not exist for them (404), so its similar cases cannot be probed either.
/// </summary>
public sealed class LibraryScopeRules(Db db) : IScopeRule<SearchLibrary>, IScopeRule<UseLibraryMessage>
{
    public Task<bool> InScopeAsync(SearchLibrary request, Actor actor, CancellationToken ct) =>
        request.CaseId is { } caseId ? ReadableAsync(caseId, actor, ct) : Task.FromResult(true);

    public Task<bool> InScopeAsync(UseLibraryMessage request, Actor actor, CancellationToken ct) => ReadableAsync(request.CaseId, actor, ct);

    private async Task<bool> ReadableAsync(long caseId, Actor actor, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await CaseAccess.IsReadableAsync(connection, caseId, actor);
    }
}
