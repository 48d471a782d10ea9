using Dapper;
using Triage.Client.Account;
using Triage.Client.Pipeline;
using Triage.Server.Pipeline;

namespace Triage.Server.Account;

public sealed class SetTimeZoneHandler : CommandHandler<SetTimeZone, Preferences>
{
    protected override async Task<Preferences> Handle(SetTimeZone request, Work work, CancellationToken ct)
    {
        var userId = work.Actor.UserId ?? throw new NotSignedInException();
        work.Subject("user", userId);
        var zone = string.IsNullOrEmpty(request.TimeZone) ? null : SetTimeZone.IanaId(request.TimeZone);
        work.Detail("timeZone", zone ?? "desk");
        var blur = await work.Connection.QuerySingleAsync<bool>(
            "UPDATE users SET time_zone = @zone WHERE id = @userId RETURNING blur_evidence", new { userId, zone }, work.Transaction);
        return new Preferences(blur, zone);
    }
}
