using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Triage.Client.Onboarding;
using Triage.Server.Account;

namespace Triage.Server.Onboarding;

/// <summary>
/// Activation and invite links: 256 random bits, URL-safe, kept only as a SHA-256 (as API tokens are;
/// a secret this long needs no slow hash, and 50,000 of them must be made in well under a second).
/// </summary>
public static class OnboardingLinks
{
    public const string ActivatePath = "/account/activate/";
    public const string JoinPath = "/join/";

    public static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string token) => ApiTokens.HashOf(token);

    public static LinkState InviteState(DateTimeOffset now, DateTimeOffset expiresAt, DateTimeOffset? revokedAt, int? maxUses, int uses) =>
        revokedAt is not null ? LinkState.Revoked
        : expiresAt <= now ? LinkState.Expired
        : maxUses is { } max && uses >= max ? LinkState.UsedUp
        : LinkState.Valid;
}
