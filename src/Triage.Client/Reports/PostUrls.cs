using System.Globalization;
using System.Text;

namespace Triage.Client.Reports;

/// <summary>
/// A reported post's address: as the member pasted it, the canonical form that groups reports
/// of the same post into one case, and the platform code.
/// </summary>
public sealed record PostUrl(string Raw, string Canonical, string Platform);

/// <summary>
/// Canonicalisation is offline string work: the same post shared from different apps and
/// devices must give the same string, different posts must not. Short links (fb.watch,
/// vm.tiktok.com, t.co) cannot be resolved without a network call, so they stay as they are.
/// </summary>
public static class PostUrls
{
    public const int MaxLength = 2048;
    public const string InvalidKey = "Validation.UrlInvalid";
    public const string SchemeKey = "Validation.UrlScheme";
    public const string TooLongKey = "Validation.TooLong";

    private const string Web = "web";
    private const string Other = "other";

    // Registrable domains per platform; a host matches the domain itself or any subdomain of it.
    private static readonly (string Platform, string[] Domains)[] Platforms =
    [
        ("facebook", ["facebook.com", "fb.com", "fb.watch"]),
        ("tiktok", ["tiktok.com"]),
        ("youtube", ["youtube.com", "youtu.be"]),
        ("zalo", ["zalo.me"]),
        ("x", ["x.com", "twitter.com", "t.co"]),
        ("telegram", ["t.me", "telegram.me", "telegram.org"]),
        ("instagram", ["instagram.com", "instagr.am"]),
    ];

    /// <summary>Domain → platform code, for the report form's script to suggest the platform as a link is pasted.</summary>
    public static readonly IReadOnlyDictionary<string, string> PlatformHosts =
        Platforms.SelectMany(p => p.Domains.Select(d => (Domain: d, p.Platform))).ToDictionary(x => x.Domain, x => x.Platform, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> HostAliases = new(StringComparer.Ordinal)
    {
        ["fb.com"] = "facebook.com",
        ["mbasic.facebook.com"] = "facebook.com",
        ["web.facebook.com"] = "facebook.com",
        ["touch.facebook.com"] = "facebook.com",
        ["mobile.facebook.com"] = "facebook.com",
        ["twitter.com"] = "x.com",
        ["mobile.twitter.com"] = "x.com",
        ["mobile.x.com"] = "x.com",
        ["telegram.me"] = "t.me",
        ["instagr.am"] = "instagram.com",
    };

    // Click ids and share markers that say how a link travelled, never which post it is.
    // Zalo's in-app browser appends zarsrc and gidzl to every link opened from a chat.
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "ttclid", "twclid", "yclid",
        "igshid", "igsh", "si", "mibextid", "rdid", "share_url", "ref", "ref_src", "ref_url",
        "lang", "locale", "hl", "_gl", "mc_cid", "mc_eid", "zarsrc", "gidzl",
    };

    private static readonly Dictionary<string, HashSet<string>> PlatformTrackingParameters = new(StringComparer.Ordinal)
    {
        ["facebook"] = new(StringComparer.OrdinalIgnoreCase)
        {
            "__tn__", "sfnsn", "refsrc", "_rdr", "_rdc", "notif_id", "notif_t", "hc_ref", "fref", "paipv", "eav", "extid",
        },
        // YouTube's t is a start time: the same video from another second is the same post.
        ["youtube"] = new(StringComparer.OrdinalIgnoreCase) { "feature", "pp", "t", "ab_channel" },
        ["x"] = new(StringComparer.OrdinalIgnoreCase) { "s", "t" },
        ["tiktok"] = new(StringComparer.OrdinalIgnoreCase) { "_r", "_t", "_d", "is_from_webapp", "sender_device", "web_id" },
    };

    // Facebook numbers repeated tracking parameters: __cft__[0], __xts__[0].
    private static readonly string[] TrackingPrefixes = ["utm_", "__cft__", "__xts__"];

    public static bool TryParse(string? raw, out PostUrl? url, out string? errorKey)
    {
        url = null;
        var trimmed = raw?.Trim() ?? "";
        errorKey = trimmed.Length == 0 ? InvalidKey
            : trimmed.Length > MaxLength ? TooLongKey
            : Read(trimmed, out var uri) ?? Canonicalise(trimmed, uri!, out url);
        return errorKey is null;
    }

    public static string DetectPlatform(string url)
    {
        if (string.IsNullOrWhiteSpace(url) || Read(url.Trim(), out var uri) is not null) return Other;
        var host = CanonicalHost(uri!);
        return host is null ? Other : PlatformOf(host);
    }

    /// <summary>Parses an http(s) address, assuming https when a pasted address has no scheme.</summary>
    private static string? Read(string text, out Uri? uri)
    {
        uri = null;
        var assumed = false;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && IsScheme(text.AsSpan(0, colon)))
        {
            var scheme = text[..colon];
            var rest = text.AsSpan(colon + 1);
            var isWeb = scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase);
            // "facebook.com:443/x" and "localhost:8080" look like a scheme but are a host and a port.
            var isHostAndPort = !rest.StartsWith("//") && (scheme.Contains('.', StringComparison.Ordinal) || (rest.Length > 0 && char.IsAsciiDigit(rest[0])));
            if (!isWeb && !isHostAndPort) return SchemeKey;
            if (!isWeb)
            {
                text = "https://" + text;
                assumed = true;
            }
        }
        else
        {
            text = (text.StartsWith("//", StringComparison.Ordinal) ? "https:" : "https://") + text;
            assumed = true;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out uri) || uri.Host.Length == 0) return InvalidKey;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return SchemeKey;
        // Without a scheme only something shaped like a domain is taken for an address, not a word.
        if (assumed && uri.HostNameType == UriHostNameType.Dns && !uri.Host.Contains('.', StringComparison.Ordinal)) return InvalidKey;
        return null;
    }

    private static bool IsScheme(ReadOnlySpan<char> s)
    {
        if (!char.IsAsciiLetter(s[0])) return false;
        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.') return false;
        }
        return true;
    }

    private static string? Canonicalise(string raw, Uri uri, out PostUrl? url)
    {
        url = null;
        var host = CanonicalHost(uri);
        if (host is null) return InvalidKey;

        var path = uri.AbsolutePath.Split('/').Skip(1).Select(s => NormaliseEscapes(s, plusIsSpace: false, PathCharacters)).ToList();
        while (path.Count > 0 && path[^1].Length == 0) path.RemoveAt(path.Count - 1);
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(Parameter.Parse).ToList();

        var post = new Post(host, path, query);
        FoldPlatformForms(post);
        var platform = PlatformOf(post.Host);
        post.Query.RemoveAll(p => IsTracking(p.Name, platform));

        var canonical = new StringBuilder("https://").Append(post.Host);
        // The scheme becomes https, so http's 80 is as default as https's 443.
        if (!uri.IsDefaultPort && uri.Port != 443) canonical.Append(':').Append(uri.Port.ToString(CultureInfo.InvariantCulture));
        canonical.Append('/').AppendJoin('/', post.Path);
        if (post.Query.Count > 0)
        {
            canonical.Append('?').AppendJoin('&', post.Query.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.ToString()));
        }

        if (canonical.Length > MaxLength) return TooLongKey;
        url = new PostUrl(raw, canonical.ToString(), platform);
        return null;
    }

    /// <summary>
    /// Lower case, ASCII (punycode) and without a leading www. or m.: mobile and desktop
    /// editions of a site show the same page. That holds for sites in general (m.vnexpress.net),
    /// not only the platforms, and is a deliberate choice.
    /// </summary>
    private static string? CanonicalHost(Uri uri)
    {
        string host;
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            host = uri.Host.ToLowerInvariant();
        }
        else
        {
            try
            {
                host = new IdnMapping().GetAscii(uri.Host.TrimEnd('.')).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return null;
            }

            // The dot test keeps hosts like m.me (Messenger) whole.
            while ((host.StartsWith("www.", StringComparison.Ordinal) || host.StartsWith("m.", StringComparison.Ordinal))
                && host.IndexOf('.', StringComparison.Ordinal) is var dot && host.IndexOf('.', dot + 1) > 0)
            {
                host = host[(dot + 1)..];
            }
        }

        return host.Length == 0 ? null : HostAliases.GetValueOrDefault(host, host);
    }

    private static string PlatformOf(string host)
    {
        foreach (var (platform, domains) in Platforms)
        {
            if (domains.Any(d => host == d || host.EndsWith("." + d, StringComparison.Ordinal))) return platform;
        }
        return Web;
    }

    private static bool IsTracking(string name, string platform) =>
        TrackingParameters.Contains(name)
        || TrackingPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase))
        || (PlatformTrackingParameters.TryGetValue(platform, out var names) && names.Contains(name));

    /// <summary>The several addresses a platform gives one post are folded to one of them.</summary>
    private static void FoldPlatformForms(Post post)
    {
        switch (post.Host)
        {
            case "youtu.be" when post.Path.Count == 1 && post.Path[0].Length > 0:
                post.Host = "youtube.com";
                post.ToWatch(post.Path[0]);
                break;
            case "youtube.com" when post.Path.Count == 2 && post.Path[0] is "shorts" or "live" or "embed":
                post.ToWatch(post.Path[1]);
                break;
            case "youtube.com" when post.Is("watch") && post.Get("v") is not null:
                // A playlist, a start time or an autoplay flag do not change which video it is.
                post.Keep("v");
                break;

            case "facebook.com" when (post.Is("story.php") || post.Is("permalink.php")) && post.Get("story_fbid") is not null:
                post.Path[0] = "permalink.php";
                post.Keep("story_fbid", "id");
                break;
            case "facebook.com" when (post.Is("photo.php") || post.Is("photo")) && post.Get("fbid") is not null:
                // A photo's fbid is global; set only says whether it was opened from an album or a post.
                post.Path[0] = "photo.php";
                post.Keep("fbid");
                break;
            case "facebook.com" when (post.Is("watch") || post.Is("video.php")) && post.Get("v") is not null:
                post.Path[0] = "watch";
                post.Keep("v");
                break;
            case "facebook.com" when post.Path.Count == 4 && post.Path[0] == "groups" && post.Path[2] == "permalink":
                post.Path[2] = "posts";
                break;

            case "x.com" when post.Path.Count == 5 && post.Path[1] == "status" && post.Path[3] is "photo" or "video":
                // x.com/user/status/ID/photo/1 opens one picture of the same post.
                post.Path.RemoveRange(3, 2);
                break;

            case "tiktok.com" when post.Path.Count == 3 && post.Path[0].StartsWith('@') && post.Path[1] is "video" or "photo":
                // The path names the video; everything the share sheet adds is about the sharer.
                post.Query.Clear();
                break;

            case "instagram.com" when post.Path.Count == 2 && post.Path[0] is "p" or "reel" or "reels" or "tv":
                if (post.Path[0] == "reels") post.Path[0] = "reel";
                post.Query.Clear();
                break;

            case "t.me" when post.Path.Count >= 2 && post.Path[0] == "s":
                // t.me/s/channel/123 is the web preview of t.me/channel/123.
                post.Path.RemoveAt(0);
                break;
        }
    }

    private const string PathCharacters = "!$&'()*+,;=:@";
    private const string QueryCharacters = "!$'()*,;:@/?";

    /// <summary>
    /// Decodes percent escapes to bytes and escapes them again one way, so "%c3%a1", "%C3%A1"
    /// and a raw "á" give the same text. Working on bytes keeps malformed escapes distinct.
    /// </summary>
    private static string NormaliseEscapes(string escaped, bool plusIsSpace, string keep)
    {
        var bytes = new List<byte>(escaped.Length);
        var run = new StringBuilder();
        void Flush()
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(run.ToString()));
            run.Clear();
        }

        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (c == '%' && i + 2 < escaped.Length && char.IsAsciiHexDigit(escaped[i + 1]) && char.IsAsciiHexDigit(escaped[i + 2]))
            {
                Flush();
                bytes.Add(byte.Parse(escaped.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else if (c == '+' && plusIsSpace)
            {
                Flush();
                bytes.Add((byte)' ');
            }
            else
            {
                run.Append(c);
            }
        }
        Flush();

        var result = new StringBuilder(bytes.Count);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' || keep.Contains(c, StringComparison.Ordinal)))
            {
                result.Append(c);
            }
            else
            {
                result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return result.ToString();
    }

    private sealed record Parameter(string Name, string Value)
    {
        public static Parameter Parse(string pair)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return equals < 0
                ? new(NormaliseEscapes(pair, plusIsSpace: true, QueryCharacters), "")
                : new(NormaliseEscapes(pair[..equals], plusIsSpace: true, QueryCharacters), NormaliseEscapes(pair[(equals + 1)..], plusIsSpace: true, QueryCharacters));
        }

        // "a" and "a=" ask the same of a server.
        public override string ToString() => Value.Length == 0 ? Name : $"{Name}={Value}";
    }

    private sealed class Post(string host, List<string> path, List<Parameter> query)
    {
        public string Host { get; set; } = host;
        public List<string> Path { get; } = path;
        public List<Parameter> Query { get; } = query;

        public bool Is(string onlySegment) => Path.Count == 1 && Path[0] == onlySegment;

        public string? Get(string name) => Query.FirstOrDefault(p => p.Name == name)?.Value;

        public void Keep(params string[] names)
        {
            var kept = names.Select(n => Query.FirstOrDefault(p => p.Name == n)).OfType<Parameter>().ToList();
            Query.Clear();
            Query.AddRange(kept);
        }

        public void ToWatch(string videoId)
        {
            Path.Clear();
            Path.Add("watch");
            Query.Clear();
            Query.Add(new Parameter("v", videoId));
        }
    }
}
