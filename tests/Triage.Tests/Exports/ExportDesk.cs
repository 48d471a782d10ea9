using CsvHelper;
using Triage.Client.Exports;
using Triage.Server.Exports;
using Triage.Tests.Support;

namespace Triage.Tests.Exports;

/// <summary>Sends an export as a page or the API would and reads the file it writes back with CsvHelper.</summary>
public static class ExportDesk
{
    public static async Task<byte[]> ReportsFile(this TestDesk desk, string email, ExportReports request)
    {
        var export = await desk.SendAs(email, request);
        using var file = new MemoryStream();
        await ExportCsv.WriteReportsAsync(file, export.Rows, CancellationToken.None);
        return file.ToArray();
    }

    public static async Task<byte[]> CasesFile(this TestDesk desk, string email, ExportCases request)
    {
        var export = await desk.SendAs(email, request);
        using var file = new MemoryStream();
        await ExportCsv.WriteCasesAsync(file, export.Rows, CancellationToken.None);
        return file.ToArray();
    }

    /// <summary>The header and the records, each as column name to value.</summary>
    public static (IReadOnlyList<string> Header, List<Dictionary<string, string>> Rows) Parse(byte[] file)
    {
        using var reader = CsvReader.Create(file, CsvReaderOptions.Default with { Separator = ',', HasHeader = true });
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, string>();
            for (var i = 0; i < reader.Headers.Count; i++) row[reader.Headers[i]] = reader.GetString(i);
            rows.Add(row);
        }
        return (reader.Headers.ToList(), rows);
    }

    public static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
}
