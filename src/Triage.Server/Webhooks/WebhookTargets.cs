using System.Net;
using System.Net.Sockets;

namespace Triage.Server.Webhooks;

/// <summary>The <c>Triage:Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Triage:Webhooks";

    /// <summary>
    /// Lets webhooks reach loopback and private networks. Off by default: an admin's URL would otherwise let the
    /// server probe the network it sits in (SSRF). Development turns it on so a local receiver can be tried.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}

/// <summary>Which addresses a webhook may be sent to, checked when it is created and again before every send, since DNS can change.</summary>
public static class WebhookTargets
{
    /// <summary>False for loopback, unspecified, RFC 1918, carrier-grade NAT, link-local, unique-local and multicast addresses.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0                                  // 0.0.0.0/8, "this network"
                     || b[0] == 10                              // RFC 1918
                     || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                     || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT, RFC 6598
                     || (b[0] == 169 && b[1] == 254)            // link-local, cloud metadata services
                     || b[0] >= 224);                           // multicast and reserved
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)) return false;
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                     || (b[0] & 0xfe) == 0xfc);                 // unique-local fc00::/7
        }
        return false;
    }

    /// <summary>The host's addresses; an IP literal is itself, without a lookup.</summary>
    public static async Task<IPAddress[]> ResolveAsync(Uri url, CancellationToken ct)
    {
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal)) return [literal];
        return await Dns.GetHostAddressesAsync(url.IdnHost, ct);
    }

    /// <summary>Why the URL may not be used (a <see cref="Client.Webhooks.WebhookRules"/> key), or null when it may.</summary>
    public static async Task<string?> ProblemAsync(Uri url, bool allowPrivateNetworks, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url, ct);
        }
        catch (SocketException)
        {
            return Client.Webhooks.WebhookRules.UrlUnresolvable;
        }
        if (addresses.Length == 0) return Client.Webhooks.WebhookRules.UrlUnresolvable;
        // Every address must be public: a name resolving to one public and one private address could be sent to either.
        if (!allowPrivateNetworks && !addresses.All(IsPublic)) return Client.Webhooks.WebhookRules.UrlPrivate;
        return null;
    }
}
