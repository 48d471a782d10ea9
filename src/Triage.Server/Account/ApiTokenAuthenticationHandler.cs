using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Triage.Server.Data;

namespace Triage.Server.Account;

/// <summary>Authenticates <c>Authorization: Bearer</c> API tokens against their stored hashes.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Db db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>Last use is recorded at most this often, to keep token reads from writing on every request.</summary>
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (token.Length is 0 or > 200) return AuthenticateResult.Fail("Malformed token.");

        await using var connection = await db.OpenAsync(Context.RequestAborted);
        var row = await connection.QuerySingleOrDefaultAsync<Row>("""
            SELECT t.id AS Id, t.last_used_at AS LastUsedAt, u.id AS UserId, u.email AS Email, u.name AS Name
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = @hash AND t.revoked_at IS NULL AND u.disabled_at IS NULL
            """, new { hash = ApiTokens.HashOf(token) });
        if (row is null) return AuthenticateResult.Fail("Unknown, revoked or disabled token.");

        var now = clock.GetUtcNow();
        if (row.LastUsedAt is null || now - DapperSetup.Parse(row.LastUsedAt) > LastUseResolution)
            await connection.ExecuteAsync("UPDATE api_tokens SET last_used_at = @now WHERE id = @Id", new { row.Id, now });

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, row.UserId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, row.Name),
            new Claim(ClaimTypes.Email, row.Email),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string? LastUsedAt { get; init; }
        public long UserId { get; init; }
        public string Email { get; init; } = "";
        public string Name { get; init; } = "";
    }
}
