using System.Globalization;
using Triage.Client.Cases;

namespace Triage.Client.Queue;

/// <summary>
/// The queue's filters as a URL query string and back, so a view can be reloaded, bookmarked or
/// sent to a colleague. Only the filter travels: a cursor is a position in one moment's list.
/// </summary>
public static class QueueQuery
{
    public static CaseFilter Copy(this CaseFilter f) => new()
    {
        Statuses = f.Statuses is { Count: > 0 } s ? [.. s] : null,
        // Kept as typed: trimming here would eat the space between words while the reader types.
        Q = string.IsNullOrWhiteSpace(f.Q) ? null : f.Q,
        UnitId = f.UnitId,
        QueueId = f.QueueId,
        Assigned = f.Assigned,
        Platform = Blank(f.Platform),
        Category = Blank(f.Category),
        Verdict = Blank(f.Verdict),
        Severity = f.Severity,
        Sort = f.Sort,
    };

    public static ListCases ToRequest(this CaseFilter f, string? cursor, int limit)
    {
        var c = f.Copy();
        return new ListCases
        {
            Statuses = c.Statuses, Q = c.Q?.Trim(), UnitId = c.UnitId, QueueId = c.QueueId, Assigned = c.Assigned, Platform = c.Platform,
            Category = c.Category, Verdict = c.Verdict, Severity = c.Severity, Sort = c.Sort, Cursor = cursor, Limit = limit,
        };
    }

    /// <summary>The query parameters of a filter; a parameter at its default is left out (null removes it from the URL).</summary>
    public static IReadOnlyDictionary<string, object?> ToParameters(this CaseFilter filter)
    {
        var f = filter.Copy();
        return new Dictionary<string, object?>
        {
            ["q"] = f.Q?.Trim(),
            ["status"] = f.Statuses?.Select(s => s.Code()).ToArray(),
            ["platform"] = f.Platform,
            ["category"] = f.Category,
            ["verdict"] = f.Verdict,
            ["severity"] = f.Severity,
            ["unit"] = f.UnitId,
            ["queue"] = f.QueueId,
            ["assigned"] = f.Assigned is { } a ? (a ? "yes" : "no") : null,
            ["sort"] = f.Sort == CaseSort.Priority ? null : f.Sort.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>Reads what <see cref="ToParameters"/> wrote; anything unreadable counts as "any".</summary>
    public static CaseFilter Parse(string? q, string[]? status, string? platform, string? category, string? verdict,
        int? severity, long? unit, long? queue, string? assigned, string? sort) => new CaseFilter
    {
        Q = q,
        Statuses = status?.Select(s => Enum.TryParse<CaseStatus>(s, ignoreCase: true, out var v) ? v : (CaseStatus?)null)
            .OfType<CaseStatus>().Distinct().ToList(),
        Platform = platform,
        Category = category,
        Verdict = verdict,
        Severity = severity is >= 1 and <= 4 ? severity : null,
        UnitId = unit,
        QueueId = queue,
        Assigned = assigned switch { "yes" => true, "no" => false, _ => null },
        Sort = Enum.TryParse<CaseSort>(sort, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : CaseSort.Priority,
    }.Copy();

    /// <summary>The list order that a queue's default order stands for.</summary>
    public static CaseSort SortOf(QueueOrder order) => order switch
    {
        QueueOrder.Age => CaseSort.Age,
        QueueOrder.Reports => CaseSort.Reports,
        QueueOrder.Sla => CaseSort.Sla,
        _ => CaseSort.Priority,
    };

    /// <summary>Two filters that would ask the server the same question have the same key.</summary>
    public static string Key(this CaseFilter filter) =>
        string.Join('&', filter.ToParameters().Where(p => p.Value is not null).Select(p => p.Key + "=" + p.Value switch
        {
            string[] values => string.Join(',', values),
            IFormattable v => v.ToString(null, CultureInfo.InvariantCulture),
            var v => v!.ToString(),
        }));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
