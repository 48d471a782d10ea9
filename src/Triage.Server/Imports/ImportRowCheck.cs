using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Imports;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Resources;

namespace Triage.Server.Imports;

/// <summary>What a row says once checked: the values to file, or the reasons it cannot be.</summary>
public sealed record CheckedRow(int Line, IReadOnlyList<string> Errors, PostUrl? Url, string? Platform, string? Text, string? Category,
    string? Note, DateTimeOffset? ReportedAt);

/// <summary>
/// The rules of a member's report (<see cref="SubmitReport"/>'s limits, URL parsing, known platform and category),
/// applied to one row of a sheet. Platforms and categories are taken by code or by their Vietnamese or English
/// label, as people write them in a sheet ("Facebook", "Sức khỏe"). Times are ISO 8601, or day/month/year with
/// an optional time as Vietnamese sheets and Google Forms write them, read in the desk's zone, never in the future.
/// </summary>
public sealed class ImportRowCheck
{
    private static readonly string[] LocalFormats =
    [
        "d/M/yyyy", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "d/M/yyyy HH:mm", "d/M/yyyy HH:mm:ss",
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    private static readonly string[] ZonedFormats =
        ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK"];

    private readonly IStringLocalizer<Strings> _localizer;
    private readonly IReadOnlyDictionary<string, int> _columns;
    private readonly IReadOnlyList<string> _headers;
    private readonly TimeZoneInfo _zone;
    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, string> _platforms;
    private readonly Dictionary<string, string> _categories;

    private ImportRowCheck(IStringLocalizer<Strings> localizer, IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> headers,
        TimeZoneInfo zone, DateTimeOffset now, Dictionary<string, string> platforms, Dictionary<string, string> categories)
    {
        (_localizer, _columns, _headers, _zone, _now, _platforms, _categories) = (localizer, columns, headers, zone, now, platforms, categories);
    }

    public static async Task<ImportRowCheck> CreateAsync(DbConnection connection, DbTransaction tx, IStringLocalizer<Strings> localizer,
        IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> headers, TimeZoneInfo zone, DateTimeOffset now)
    {
        var terms = (await connection.QueryAsync<(string Kind, string Code, string Vi, string En)>(
            "SELECT kind, code, label_vi, label_en FROM taxonomy_terms WHERE kind IN ('platform', 'category') ORDER BY sort_order", transaction: tx)).AsList();
        return new ImportRowCheck(localizer, columns, headers, zone, now, Names(terms, "platform", Platforms.All), Names(terms, "category", []));
    }

    /// <summary>Codes and labels, folded as column names are, to the code.</summary>
    private static Dictionary<string, string> Names(List<(string Kind, string Code, string Vi, string En)> terms, string kind, IEnumerable<string> codes)
    {
        var names = new Dictionary<string, string>();
        foreach (var code in codes) names.TryAdd(ImportColumns.Key(code), code);
        foreach (var term in terms.Where(t => t.Kind == kind))
        {
            names.TryAdd(ImportColumns.Key(term.Code), term.Code);
            names.TryAdd(ImportColumns.Key(term.Vi), term.Code);
            names.TryAdd(ImportColumns.Key(term.En), term.Code);
        }
        return names;
    }

    public CheckedRow Check(ImportRecord record)
    {
        var errors = new List<string>();
        if (record.Malformed) errors.Add(_localizer[ImportRules.RowBadQuotes]);
        var urlText = Value(record, ImportColumns.Url);
        var text = Value(record, ImportColumns.Text);
        var note = Value(record, ImportColumns.Note);

        PostUrl? url = null;
        if (urlText is not null && !PostUrls.TryParse(urlText, out url, out var urlError))
            errors.Add(Field(ImportColumns.Url, urlError == PostUrls.TooLongKey ? _localizer[urlError!, PostUrls.MaxLength] : _localizer[urlError!]));
        if (text?.Length > SubmitReport.MaxTextLength)
            errors.Add(Field(ImportColumns.Text, _localizer[FieldRules.TooLong, SubmitReport.MaxTextLength]));
        if (note?.Length > SubmitReport.MaxNoteLength)
            errors.Add(Field(ImportColumns.Note, _localizer[FieldRules.TooLong, SubmitReport.MaxNoteLength]));
        if (urlText is null && text is null)
            errors.Add(_localizer[ImportRules.RowEmpty, Names(ImportColumns.Url, ImportColumns.Text)]);

        var platform = Code(record, ImportColumns.Platform, _platforms, ReportRules.UnknownPlatform, errors);
        var category = Code(record, ImportColumns.Category, _categories, ReportRules.UnknownCategory, errors);

        DateTimeOffset? reportedAt = null;
        if (Value(record, ImportColumns.ReportedAt) is { } when)
        {
            if (!TryParseTime(when, _zone, out var parsed)) errors.Add(Field(ImportColumns.ReportedAt, _localizer[ImportRules.RowBadDate, when]));
            else if (parsed > _now) errors.Add(Field(ImportColumns.ReportedAt, _localizer[ImportRules.RowFutureDate, when]));
            else reportedAt = parsed;
        }
        return new CheckedRow(record.Line, errors, url, platform, text, category, note, reportedAt);
    }

    private string? Code(ImportRecord record, string field, Dictionary<string, string> names, string unknownKey, List<string> errors)
    {
        if (Value(record, field) is not { } raw) return null;
        if (names.TryGetValue(ImportColumns.Key(raw), out var code)) return code;
        errors.Add(Field(field, $"{_localizer[unknownKey]} ({raw})"));
        return null;
    }

    /// <summary>ISO 8601 with an offset as given; without one, or as d/M/yyyy [H:mm[:ss]], a time of the desk's zone.</summary>
    public static bool TryParseTime(string raw, TimeZoneInfo zone, out DateTimeOffset when)
    {
        var value = raw.Trim();
        if (DateTimeOffset.TryParseExact(value, ZonedFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out when))
        {
            when = when.ToUniversalTime();
            return true;
        }
        if (DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var offset = zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
            when = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
            return true;
        }
        when = default;
        return false;
    }

    private string? Value(ImportRecord record, string field) =>
        _columns.TryGetValue(field, out var index) && index < record.Fields.Length && !string.IsNullOrWhiteSpace(record.Fields[index])
            ? record.Fields[index].Trim()
            : null;

    private string Field(string field, string message) => _localizer[ImportRules.RowField, _headers[_columns[field]], message];

    /// <summary>The file's headers of those fields it has.</summary>
    private string Names(params string[] fields) =>
        string.Join(" / ", fields.Where(_columns.ContainsKey).Select(f => _headers[_columns[f]]));
}
