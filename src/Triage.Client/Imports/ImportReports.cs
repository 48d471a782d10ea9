using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Triage.Client.Pipeline;

namespace Triage.Client.Imports;

/// <summary>
/// A coordinator brings in reports gathered elsewhere (a chat group's sheet, a form's answers) from a CSV file.
/// Each valid row goes through the same intake as a member's report (URL canonicalisation, grouping into cases,
/// routing rules, webhooks), filed by the coordinator for <see cref="UnitId"/> (default their own unit).
/// A dry run answers exactly what the import would do and keeps nothing; otherwise the valid rows are filed
/// in one transaction and rows with errors are skipped.
/// </summary>
[AllowRoles(Role.Coordinator)]
public sealed class ImportReports : ICommand<ImportedReports>
{
    /// <summary>Kept out of the audit trail; its name, size, SHA-256 and row counts are noted instead.</summary>
    [JsonIgnore, Secret]
    public byte[] File { get; set; } = [];

    [StringLength(255, ErrorMessage = FieldRules.TooLong)]
    public string? FileName { get; set; }

    public bool DryRun { get; set; }

    /// <summary>Our field (<see cref="ImportColumns.Fields"/>) to the file's header; fields left out are matched by their usual names.</summary>
    public Dictionary<string, string>? Columns { get; set; }

    /// <summary>The unit the reports are filed for, in the caller's subtree; null for the caller's own.</summary>
    public long? UnitId { get; set; }
}

/// <param name="Rows">Every data row of the file, in file order, with its errors (none when it is or would be filed).</param>
/// <param name="Created">Rows that open (or would open) a new case.</param>
/// <param name="Merged">Rows that join (or would join) an open case, or a case an earlier row of the file opened.</param>
public sealed record ImportedReports(IReadOnlyList<ImportRow> Rows, int Created, int Merged)
{
    /// <summary>The imports row of a commit; null on a dry run.</summary>
    [JsonIgnore]
    public long? ImportId { get; init; }
}

/// <param name="Line">The line of the file where the row starts (the header is line 1).</param>
/// <param name="Errors">Messages in the caller's language, each naming the file's column.</param>
/// <param name="CaseId">The case a committed row was filed into; null on a dry run and for rows with errors.</param>
public sealed record ImportRow(int Line, bool Ok, IReadOnlyList<string> Errors,
    [property: JsonIgnore] long? CaseId = null, [property: JsonIgnore] string? MatchedBy = null);
