using System.Text.RegularExpressions;

namespace Triage.Client.Reports;

/// <summary>
/// What another app handed the report form through the share sheet (the manifest's share target): the link, the
/// words around it and the platform the link belongs to. Nothing here is trusted or submitted; it only fills the form
/// for the member to check.
/// </summary>
public sealed partial record SharedPost(string Url, string Text, string Platform)
{
    /// <summary>
    /// Android share sheets rarely fill url: Facebook, TikTok and Zalo put the link at the end of text
    /// ("Look at this https://..."), and some apps send it in title. The first web address found is the post;
    /// the rest of title and text, without it, is what the member saw.
    /// </summary>
    public static SharedPost? From(string? title, string? url, string? text)
    {
        title = title?.Trim() ?? "";
        text = text?.Trim() ?? "";
        var link = WebAddress(url?.Trim()) ?? FirstWebAddress(text) ?? FirstWebAddress(title) ?? "";
        if (link.Length > 0)
        {
            title = Without(title, link);
            text = Without(text, link);
        }

        // Apps that send the post's caption as both title and text would otherwise show it twice.
        var words = title.Length == 0 || text.Contains(title, StringComparison.Ordinal) ? text
            : text.Length == 0 || title.Contains(text, StringComparison.Ordinal) ? title
            : title + "\n" + text;
        if (words.Length > SubmitReport.MaxTextLength) words = words[..SubmitReport.MaxTextLength];
        if (link.Length == 0 && words.Length == 0) return null;

        // The same detection the server applies on submit; an address of no known platform leaves the member's choice open.
        var platform = link.Length == 0 ? "" : PostUrls.DetectPlatform(link);
        return new SharedPost(link, words, platform == "other" ? "" : platform);
    }

    /// <summary>Only an absolute http(s) address: a javascript: or intent: link from a share must never become a link on the desk.</summary>
    private static string? WebAddress(string? candidate) =>
        !string.IsNullOrEmpty(candidate) && candidate.Length <= PostUrls.MaxLength
        && Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
            ? candidate
            : null;

    private static readonly char[] SentencePunctuation = ['.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '\'', '»', '”'];
    private const string TrailingPunctuation = @"[.,;:!?)\]}""'»”]*(?=\s|$)";

    private static string? FirstWebAddress(string text)
    {
        foreach (Match match in AddressInText().Matches(text))
        {
            // Sentence punctuation after a link belongs to the sentence, not to the address.
            if (WebAddress(match.Value.TrimEnd(SentencePunctuation)) is { } address) return address;
        }
        return null;
    }

    // The punctuation that ended the sentence after the link ("... https://zalo.me/g/abc.") goes with it, or it would stand alone.
    private static string Without(string text, string link) =>
        Whitespace().Replace(Regex.Replace(text, Regex.Escape(link) + TrailingPunctuation, " ", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
            m => m.Value.Contains('\n', StringComparison.Ordinal) ? "\n" : " ").Trim();

    [GeneratedRegex(@"https?://\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddressInText();

    [GeneratedRegex(@"[ \t]*\n\s*|[ \t]{2,}")]
    private static partial Regex Whitespace();
}
