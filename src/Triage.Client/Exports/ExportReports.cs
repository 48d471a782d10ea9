using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Exports;

/// <summary>
/// The reports submitted in the range by reporters of the unit's subtree, oldest first, as rows read one at a
/// time when <see cref="ExportRows{T}.Rows"/> is enumerated: the pipeline checks the caller before anything is
/// read, and the rows are never held together in memory. Reporters appear only as a keyed pseudonym.
/// </summary>
[AllowRoles(Role.Coordinator)]
public sealed record ExportReports : ExportFilter, IRequest<ExportRows<ReportExportRow>>;

/// <param name="Reporter">HMAC-SHA256 of the reporter's user id under the desk's export key, in hex: the same reporter
/// reads the same in every export, and cannot be told from it without the key.</param>
/// <param name="ReporterUnit">The code of the reporter's unit.</param>
public sealed record ReportExportRow(
    long Id, long CaseId, DateTimeOffset SubmittedAt, string? Platform, string? Url, string? Text, string? Category,
    string Reporter, string ReporterUnit);

/// <summary>An export not yet read: its suggested file name and its rows, read from the database as they are enumerated.</summary>
public sealed record ExportRows<T>(string FileName, IAsyncEnumerable<T> Rows);
