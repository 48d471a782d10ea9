using System.Globalization;
using CsvHelper;
using Triage.Client.Exports;

namespace Triage.Server.Exports;

/// <summary>
/// Writes export rows as RFC 4180 CSV in UTF-8 with a byte order mark, which Excel needs to read Vietnamese
/// as UTF-8. Text that starts like a formula (= + - @, tab, CR) gets a leading ' (OWASP's advice on CSV
/// injection), so a reported post cannot run in a coordinator's spreadsheet; numbers and times are left alone.
/// Records go out through CsvHelper's buffer with async flushes: Kestrel refuses synchronous writes.
/// </summary>
public static class ExportCsv
{
    /// <summary>UTC with seconds: ISO 8601, and sorts as text.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static readonly string[] ReportColumns =
        ["id", "case_id", "submitted_at", "platform", "url", "text", "category", "reporter", "reporter_unit"];

    public static readonly string[] CaseColumns =
    [
        "id", "status", "title", "verdict", "category", "severity", "priority", "owner_unit", "report_count",
        "first_reported_at", "last_reported_at", "assignee_unit", "outcome", "closed_at", "first_response_url", "first_response_at",
    ];

    public static async Task<long> WriteReportsAsync(Stream destination, IAsyncEnumerable<ReportExportRow> rows, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        csv.WriteHeader(ReportColumns);
        await foreach (var row in rows.WithCancellation(ct))
        {
            csv.WriteField(row.Id, default);
            csv.WriteField(row.CaseId, default);
            csv.WriteField(row.SubmittedAt.ToUniversalTime(), TimeFormat);
            csv.WriteField(row.Platform);
            csv.WriteField(row.Url);
            csv.WriteField(row.Text);
            csv.WriteField(row.Category);
            csv.WriteField(row.Reporter);
            csv.WriteField(row.ReporterUnit);
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
        return csv.RecordCount;
    }

    public static async Task<long> WriteCasesAsync(Stream destination, IAsyncEnumerable<CaseExportRow> rows, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        csv.WriteHeader(CaseColumns);
        await foreach (var row in rows.WithCancellation(ct))
        {
            csv.WriteField(row.Id, default);
            csv.WriteField(row.Status);
            csv.WriteField(row.Title);
            csv.WriteField(row.Verdict);
            csv.WriteField(row.Category);
            csv.WriteField(row.Severity, default);
            csv.WriteField(row.Priority, default);
            csv.WriteField(row.OwnerUnit);
            csv.WriteField(row.ReportCount, default);
            csv.WriteField(row.FirstReportedAt.ToUniversalTime(), TimeFormat);
            csv.WriteField(row.LastReportedAt.ToUniversalTime(), TimeFormat);
            csv.WriteField(row.AssigneeUnit);
            csv.WriteField(row.Outcome);
            csv.WriteField(row.ClosedAt?.ToUniversalTime(), TimeFormat);
            csv.WriteField(row.FirstResponseUrl);
            csv.WriteField(row.FirstResponseAt?.ToUniversalTime(), TimeFormat);
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
        return csv.RecordCount;
    }
}
