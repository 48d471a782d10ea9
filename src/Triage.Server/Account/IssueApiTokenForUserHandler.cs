using Dapper;
using Triage.Client.Account;
using Triage.Client.Pipeline;
using Triage.Server.Pipeline;

namespace Triage.Server.Account;

public sealed class IssueApiTokenForUserHandler : CommandHandler<IssueApiTokenForUser, IssuedApiToken>
{
    protected override async Task<IssuedApiToken> Handle(IssueApiTokenForUser request, Work work, CancellationToken ct)
    {
        var userId = await work.Connection.ExecuteScalarAsync<long?>(
            "SELECT id FROM users WHERE email = @Email AND disabled_at IS NULL", new { Email = request.Email.Trim() }, work.Transaction)
            ?? throw new NotFoundException("User");
        return await IssueApiTokenHandler.IssueAsync(work, userId, request.Name.Trim());
    }
}
