using System.Text;
using Triage.Client.Imports;
using Triage.Tests.Support;

// The test folder mirrors the feature folder; C# only, where "Imports" is no keyword.
[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Scope = "namespace", Target = "~N:Triage.Tests.Imports",
    Justification = "C# only; the namespace follows the feature folder.")]

namespace Triage.Tests.Imports;

/// <summary>Sends imports as the page or the API would, from CSV written as text.</summary>
public static class ImportDesk
{
    public static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));

    public static Task<ImportedReports> Import(this TestDesk desk, string email, string csv, bool dryRun = false, long? unitId = null,
        Dictionary<string, string>? columns = null) =>
        desk.SendAs(email, new ImportReports { File = Csv(csv), FileName = "nhom-zalo.csv", DryRun = dryRun, UnitId = unitId, Columns = columns });

    /// <summary>Cases, reports, imports, webhook deliveries and audit events: what an import may change.</summary>
    public static Task<string> Counts(this TestDesk desk) => desk.Scalar<string>("""
        SELECT (SELECT count(*) FROM cases) || '|' || (SELECT count(*) FROM reports) || '|' || (SELECT count(*) FROM imports) || '|' ||
               (SELECT count(*) FROM webhook_deliveries) || '|' || (SELECT count(*) FROM case_text_bands) || '|' ||
               (SELECT count(*) FROM case_reporter_units) || '|' || (SELECT sum(report_count) FROM cases)
        """);
}
