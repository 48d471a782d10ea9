using Microsoft.AspNetCore.Http;

namespace Triage.Client.Account;

/// <summary>Starts a cookie session for a user the SignIn use case accepted (implemented by the server).</summary>
public interface ISessionStarter
{
    Task StartAsync(HttpContext http, SignedInUser user);
}
