using Dapper;
using Triage.Client.Account;
using Triage.Client.Pipeline;
using Triage.Server.Pipeline;

namespace Triage.Server.Account;

public sealed class IssueApiTokenHandler : CommandHandler<IssueApiToken, IssuedApiToken>
{
    protected override async Task<IssuedApiToken> Handle(IssueApiToken request, Work work, CancellationToken ct)
    {
        var userId = work.Actor.UserId ?? throw new NotSignedInException();
        return await IssueAsync(work, userId, request.Name.Trim());
    }

    /// <summary>Also used by the <c>tokens issue</c> verb, which names the user instead of being them.</summary>
    public static async Task<IssuedApiToken> IssueAsync(Work work, long userId, string name)
    {
        var token = ApiTokens.Generate();
        var id = await work.Connection.ExecuteScalarAsync<long>("""
            INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at)
            VALUES (@userId, @name, @hash, @prefix, @now) RETURNING id
            """, new { userId, name, hash = ApiTokens.HashOf(token), prefix = ApiTokens.Visible(token), now = work.Now }, work.Transaction);
        work.Subject("api_token", id);
        work.Detail("userId", userId);
        return new IssuedApiToken(id, name, token);
    }
}
