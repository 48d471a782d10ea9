using System.Text.Unicode;
using CsvHelper;
using Triage.Client.Pipeline;

namespace Triage.Server.Imports;

/// <summary>
/// How every CSV a person uploads is read (reports, users, DISARM techniques): UTF-8 only, the byte order mark
/// dropped, the separator detected (Excel in Vietnamese saves with <c>;</c>), quoted fields may hold line breaks.
/// Each record keeps the line it starts on, which is the row a spreadsheet shows, and whether its quoting was
/// broken: CsvHelper recovers such a record, and the importer names its line rather than refusing the file.
/// </summary>
public static class CsvUpload
{
    public sealed record Record(int Line, string[] Fields, bool Malformed);

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>A problem with the whole file, answered as a validation error on the <c>file</c> field.</summary>
    public static ValidationFailedException FileError(string message) =>
        new(new Dictionary<string, string[]> { ["file"] = [message] });

    /// <summary>The content without its byte order mark, or false for anything but UTF-8.</summary>
    public static bool TryUtf8(byte[] bytes, out ReadOnlyMemory<byte> content)
    {
        content = bytes.AsMemory();
        if (content.Span.StartsWith(Bom)) content = content[Bom.Length..];
        // UTF-16 from "Unicode Text" saves, or Windows-1258/TCVN3 from old Excel: refused rather than read as mojibake.
        return !content.Span.StartsWith((byte[])[0xFF, 0xFE]) && !content.Span.StartsWith((byte[])[0xFE, 0xFF]) && Utf8.IsValid(content.Span);
    }

    /// <summary>Every non-empty record, the header first. Throws <see cref="CsvFormatException"/> for a record over <paramref name="maxRecordBytes"/>.</summary>
    public static IEnumerable<Record> Read(ReadOnlyMemory<byte> utf8, int maxRecordBytes)
    {
        var malformed = false;
        var options = CsvReaderOptions.Default with
        {
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MaxRecordSize = maxRecordBytes,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Recover,
            // A quote inside an unquoted cell is text, as spreadsheets write it (the DISARM export has
            // Boycott/"Cancel" Opponents); only quoting that opens a cell and then breaks is malformed.
            OnMalformedRecord = bad => malformed |= bad.Reason != CsvMalformedReason.StrayQuote,
        };
        using var reader = CsvReader.Create(utf8, options);
        while (reader.Read())
        {
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i);
            yield return new Record((int)reader.LineNumber, fields, malformed);
            malformed = false;
        }
    }
}
