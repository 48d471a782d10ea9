using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Triage.Server.Data;
using Triage.Server.Pipeline;

namespace Triage.Server.Account;

/// <summary>
/// Decides whether a signed-in session may go on: the user still exists, is enabled, signed in
/// under the current security stamp, and within the absolute session lifetime.
/// </summary>
public sealed class SessionValidator(ActorLoader actors, TimeProvider clock, IOptions<DeskOptions> options)
{
    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken ct = default) =>
        await LoadAsync(principal, ct) is not null;

    /// <summary>The session's user as the database says now, or null when the session must end.</summary>
    public async Task<Actor?> LoadAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (principal.FindFirstValue(DeskClaims.IssuedAt) is { } issued &&
            DateTimeOffset.TryParse(issued, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var issuedAt) &&
            clock.GetUtcNow() - issuedAt > options.Value.Sessions.AbsoluteTimeout)
            return null;
        return await actors.LoadAsync(principal, ct);
    }

    public ClaimsPrincipal CreatePrincipal(Client.Account.SignedInUser user, string authenticationType) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(DeskClaims.SecurityStamp, user.SecurityStamp),
            // A fresh session identifier at every sign-in: nothing from before sign-in carries over.
            new Claim(DeskClaims.SessionId, Guid.NewGuid().ToString("N")),
            new Claim(DeskClaims.IssuedAt, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)),
        ], authenticationType));
}
