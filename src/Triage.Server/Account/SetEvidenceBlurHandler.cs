using Dapper;
using Triage.Client.Account;
using Triage.Client.Pipeline;
using Triage.Server.Pipeline;

namespace Triage.Server.Account;

public sealed class SetEvidenceBlurHandler : CommandHandler<SetEvidenceBlur, Preferences>
{
    protected override async Task<Preferences> Handle(SetEvidenceBlur request, Work work, CancellationToken ct)
    {
        var userId = work.Actor.UserId ?? throw new NotSignedInException();
        work.Subject("user", userId);
        var zone = await work.Connection.QuerySingleAsync<string?>("UPDATE users SET blur_evidence = @blur WHERE id = @userId RETURNING time_zone",
            new { userId, blur = request.Blur }, work.Transaction);
        return new Preferences(request.Blur, zone);
    }
}
