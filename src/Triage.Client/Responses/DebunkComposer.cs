using System.Globalization;
using System.Resources;
using System.Text;
using Triage.Client.Resources;

namespace Triage.Client.Responses;

/// <summary>
/// The debunk structure of the Debunking Handbook 2020: the fact; a warning, then the myth stated once;
/// the fallacy, how the myth misleads; the fact again, so the fact is what a reader remembers. Parts left
/// empty are left out; the responder edits the composed text freely afterwards.
/// </summary>
public static class DebunkComposer
{
    // The lead-in belongs to the message, so it is written in the message's language, not the reader's.
    private static readonly ResourceManager Resources = new("Triage.Client.Resources.Strings", typeof(Strings).Assembly);

    public static string Compose(string? fact, string? myth, string? fallacy, string? factAgain, string language)
    {
        var paragraphs = new List<string>(4);
        if (Part(fact) is { } opening) paragraphs.Add(opening);
        if (Part(myth) is { } stated) paragraphs.Add($"{Warning(language)} {stated}");
        if (Part(fallacy) is { } how) paragraphs.Add(how);
        if ((Part(factAgain) ?? Part(fact)) is { } closing && (paragraphs.Count > 1 || Part(factAgain) is not null)) paragraphs.Add(closing);
        return string.Join("\n\n", paragraphs);
    }

    public static string Warning(string language) =>
        Resources.GetString("Debunk.WarningLead", CultureInfo.GetCultureInfo(language == "vi" ? "vi" : "en")) ?? "";

    /// <summary>
    /// Characters as the platforms count them: code points of the NFC form, so a Vietnamese letter typed with
    /// combining marks counts once, as it does when posted.
    /// </summary>
    public static int Length(string? text) =>
        string.IsNullOrEmpty(text) ? 0 : text.Normalize(NormalizationForm.FormC).EnumerateRunes().Count();

    private static string? Part(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>How long a post or caption a channel takes; a channel without a hard limit has none here.</summary>
public static class ChannelLimits
{
    // The platforms' published limits for a post or caption (X without a paid plan).
    private static readonly Dictionary<string, int> Limits = new()
    {
        ["x"] = 280,
        ["instagram"] = 2200,
        ["tiktok"] = 4000,
        ["telegram"] = 4096,
        ["youtube"] = 5000,
        ["facebook"] = 63206,
    };

    public static int? Of(string? channel) => channel is not null && Limits.TryGetValue(channel, out var limit) ? limit : null;

    /// <summary>The share of the limit past which the count turns into a warning.</summary>
    public const double NearShare = 0.9;
}
