using Triage.Client.Pipeline;
using MediatR;

namespace Triage.Client.Taxonomy;

/// <summary>
/// The dry run of <see cref="ImportDisarmTechniques"/>: what the file would add, update and leave, and every row's
/// errors, with nothing written.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record CheckDisarmTechniques([property: Secret] byte[] Content) : IRequest<DisarmImportResult>;

public static class DisarmImportRules
{
    /// <summary>The whole framework's techniques with summaries are about 150 KB; a file far bigger is not that export.</summary>
    public const int MaxBytes = 1024 * 1024;

    public const string NotUtf8 = "Admin.Disarm.NotUtf8";
    public const string TooBig = "Admin.Disarm.TooBig";
    public const string Empty = "Admin.Disarm.Empty";
    public const string MissingColumns = "Admin.Disarm.MissingColumns";
    public const string HasErrors = "Admin.Disarm.HasErrors";
    public const string RowCells = "Admin.Disarm.Row.Cells";
    public const string RowQuoting = "Admin.Disarm.Row.Quoting";
    public const string RowId = "Admin.Disarm.Row.Id";
    public const string RowName = "Admin.Disarm.Row.Name";
    public const string RowTactic = "Admin.Disarm.Row.Tactic";
    public const string RowDuplicate = "Admin.Disarm.Row.Duplicate";
}

public enum DisarmChange
{
    Added,
    Updated,
    Unchanged,
}

/// <param name="Line">The row's line in the file, the header being line 1.</param>
/// <param name="Change">What committing would do to the technique; null when the row has errors.</param>
public sealed record DisarmImportRow(int Line, string? Id, bool Ok, IReadOnlyList<string> Errors, DisarmChange? Change);

/// <param name="Kept">Techniques on the desk that the file does not name: kept, since cases may be tagged with them.</param>
public sealed record DisarmImportResult(IReadOnlyList<DisarmImportRow> Rows, int Added, int Updated, int Unchanged, int Kept)
{
    public int Failed => Rows.Count(r => !r.Ok);
}
