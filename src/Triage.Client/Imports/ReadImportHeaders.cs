using System.Text.Json.Serialization;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Client.Imports;

/// <summary>
/// Reads a file's header row before importing, so the page can show which column feeds which field.
/// Nothing is written; an unreadable file answers the same file-level errors as <see cref="ImportReports"/>.
/// </summary>
[AllowRoles(Role.Coordinator)]
public sealed class ReadImportHeaders : IRequest<ImportHeaders>
{
    [JsonIgnore, Secret]
    public byte[] File { get; set; } = [];
}

/// <param name="Headers">The file's column names, in order.</param>
/// <param name="Columns">Our field to the header it is read from when the caller names none.</param>
/// <param name="Rows">Data rows in the file.</param>
public sealed record ImportHeaders(IReadOnlyList<string> Headers, IReadOnlyDictionary<string, string> Columns, int Rows);
