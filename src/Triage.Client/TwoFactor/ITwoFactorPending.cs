using Microsoft.AspNetCore.Http;
using Triage.Client.Account;

namespace Triage.Client.TwoFactor;

/// <summary>
/// The short-lived state between a correct password and a correct code, held in a protected cookie
/// (implemented by the server); no session exists until the code is accepted.
/// </summary>
public interface ITwoFactorPending
{
    void Begin(HttpContext http, SignedInUser user);

    /// <summary>The waiting user, or null when there is none or it expired or was tampered with.</summary>
    PendingTwoFactor? Read(HttpContext http);

    void Clear(HttpContext http);
}

public sealed record PendingTwoFactor(long UserId, string SecurityStamp);
