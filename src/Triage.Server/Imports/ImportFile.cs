using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;
using Triage.Client.Imports;
using Triage.Client.Pipeline;
using Triage.Client.Resources;

namespace Triage.Server.Imports;

/// <summary>One data row as read: the line of the file where it starts and its fields by position.</summary>
public sealed record ImportRecord(int Line, string[] Fields, bool Malformed);

/// <summary>
/// A CSV file of reports, read whole (it is at most <see cref="ImportColumns.MaxBytes"/>): UTF-8 only, a byte
/// order mark dropped, the separator (<c>,</c> <c>;</c> tab or <c>|</c>) detected by CsvHelper, quoted fields
/// may hold line breaks, and rows with nothing in any field are left out. Whatever makes the whole file
/// unusable is a validation error on <c>file</c>, in the caller's language.
/// </summary>
public sealed class ImportFile
{
    public const string ColumnsKey = "columns";

    private ImportFile(IReadOnlyList<string> headers, IReadOnlyList<ImportRecord> records)
    {
        Headers = headers;
        Records = records;
    }

    public IReadOnlyList<string> Headers { get; }
    public IReadOnlyList<ImportRecord> Records { get; }

    public static ImportFile Read(byte[] bytes, IStringLocalizer<Strings> localizer)
    {
        if (bytes.Length > ImportColumns.MaxBytes) throw CsvUpload.FileError(localizer[ImportRules.TooBig, ImportColumns.MaxBytes / (1024 * 1024)]);
        if (!CsvUpload.TryUtf8(bytes, out var content)) throw CsvUpload.FileError(localizer[ImportRules.NotUtf8]);

        var records = new List<ImportRecord>();
        List<string>? headers = null;
        try
        {
            foreach (var record in CsvUpload.Read(content, ImportColumns.MaxBytes))
            {
                if (headers is null)
                {
                    headers = record.Fields.Select(h => h.Trim()).ToList();
                    continue;
                }
                if (record.Fields.All(string.IsNullOrWhiteSpace)) continue;
                if (records.Count == ImportColumns.MaxRows)
                    throw CsvUpload.FileError(localizer[ImportRules.TooManyRows, ImportColumns.MaxRows.ToString("N0", CultureInfo.CurrentCulture)]);
                records.Add(new ImportRecord(record.Line, record.Fields, record.Malformed));
            }
        }
        catch (CsvFormatException e)
        {
            throw CsvUpload.FileError(localizer[ImportRules.Malformed, e.LineNumber]);
        }
        if (headers is null || headers.All(h => h.Length == 0)) throw CsvUpload.FileError(localizer[ImportRules.Empty]);
        return new ImportFile(headers, records);
    }

    /// <summary>Each mapped field to its column index: the caller's choices over the usual names; a file without url and text is refused.</summary>
    public IReadOnlyDictionary<string, int> Map(IReadOnlyDictionary<string, string>? chosen, IStringLocalizer<Strings> localizer)
    {
        var problems = new List<string>();
        foreach (var field in chosen?.Keys ?? [])
            if (!ImportColumns.Fields.Contains(field))
                problems.Add(localizer[ImportRules.UnknownField, field, string.Join(", ", ImportColumns.Fields)]);
        var columns = new Dictionary<string, int>();
        foreach (var (field, header) in ImportColumns.Resolve(Headers, chosen))
        {
            if (!ImportColumns.Fields.Contains(field)) continue;
            var index = IndexOf(header);
            if (index < 0) problems.Add(localizer[ImportRules.UnknownHeader, header, field]);
            else columns[field] = index;
        }
        if (problems.Count > 0) throw new ValidationFailedException(new Dictionary<string, string[]> { [ColumnsKey] = [.. problems] });
        if (!columns.ContainsKey(ImportColumns.Url) && !columns.ContainsKey(ImportColumns.Text))
            throw CsvUpload.FileError(localizer[ImportRules.MissingColumns, string.Join(", ", Headers.Where(h => h.Length > 0))]);
        return columns;
    }

    /// <summary>The header exactly as written, else the first that differs only in case, accents or spacing.</summary>
    private int IndexOf(string header)
    {
        var exact = Headers.ToList().IndexOf(header.Trim());
        if (exact >= 0) return exact;
        var key = ImportColumns.Key(header);
        return Headers.Select((h, i) => (h, i)).Where(x => ImportColumns.Key(x.h) == key).Select(x => x.i).DefaultIfEmpty(-1).First();
    }
}
