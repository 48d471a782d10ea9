using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Triage.Client.Account;

namespace Triage.Server.Account;

public sealed class CookieSessionStarter(SessionValidator sessions) : ISessionStarter
{
    public Task StartAsync(HttpContext http, SignedInUser user) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            sessions.CreatePrincipal(user, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = false });
}
