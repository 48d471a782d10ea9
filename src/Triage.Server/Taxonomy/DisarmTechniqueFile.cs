using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Localization;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.Taxonomy;
using Triage.Server.Imports;

namespace Triage.Server.Taxonomy;

/// <summary>
/// Reads a DISARM techniques CSV (the framework's export: quoted cells with commas and line breaks in the summaries,
/// read by the same CSV reader as every other upload) and compares it with the desk's list. Shared by the dry run and the import, so both say exactly the same.
/// </summary>
public static partial class DisarmTechniqueFile
{
    public sealed record Technique(string Id, string Name, string TacticId);

    public sealed record Plan(DisarmImportResult Result, IReadOnlyList<Technique> Writes);

    /// <summary>File-level problems throw as a "file" field error; row problems are answered per row.</summary>
    public static async Task<Plan> PlanAsync(byte[] content, DbConnection connection, DbTransaction? tx, IStringLocalizer<Strings> l)
    {
        var records = Parse(content, l);
        var header = records[0].Fields.Select(c => c.Trim().ToLowerInvariant()).ToList();
        var idColumn = header.IndexOf("disarm_id") is >= 0 and var d ? d : header.IndexOf("id");
        var nameColumn = header.IndexOf("name");
        var tacticColumn = header.IndexOf("tactic_id");
        var missing = new[] { (idColumn, "disarm_id"), (nameColumn, "name"), (tacticColumn, "tactic_id") }.Where(c => c.Item1 < 0).Select(c => c.Item2).ToList();
        if (missing.Count > 0) throw CsvUpload.FileError(l[DisarmImportRules.MissingColumns, string.Join(", ", missing)]);

        var existing = (await connection.QueryAsync<Technique>("SELECT id AS Id, name AS Name, tactic_id AS TacticId FROM disarm_techniques", transaction: tx))
            .ToDictionary(t => t.Id, StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<DisarmImportRow>();
        var writes = new List<Technique>();
        foreach (var record in records.Skip(1))
        {
            var cells = record.Fields;
            if (record.Malformed)
            {
                rows.Add(new DisarmImportRow(record.Line, null, false, [l[DisarmImportRules.RowQuoting]], null));
                continue;
            }
            if (cells.Length != header.Count)
            {
                rows.Add(new DisarmImportRow(record.Line, null, false, [l[DisarmImportRules.RowCells, cells.Length, header.Count]], null));
                continue;
            }
            var technique = new Technique(cells[idColumn].Trim(), cells[nameColumn].Trim(), cells[tacticColumn].Trim());
            var errors = new List<string>();
            if (!TechniqueId().IsMatch(technique.Id)) errors.Add(l[DisarmImportRules.RowId]);
            else if (seen.TryGetValue(technique.Id, out var first)) errors.Add(l[DisarmImportRules.RowDuplicate, first]);
            else seen[technique.Id] = record.Line;
            if (technique.Name.Length is 0 or > 300) errors.Add(l[DisarmImportRules.RowName]);
            if (!TacticId().IsMatch(technique.TacticId)) errors.Add(l[DisarmImportRules.RowTactic]);
            if (errors.Count > 0)
            {
                rows.Add(new DisarmImportRow(record.Line, technique.Id.Length > 0 ? technique.Id : null, false, errors, null));
                continue;
            }
            var change = !existing.TryGetValue(technique.Id, out var current) ? DisarmChange.Added
                : current == technique ? DisarmChange.Unchanged : DisarmChange.Updated;
            if (change != DisarmChange.Unchanged) writes.Add(technique);
            rows.Add(new DisarmImportRow(record.Line, technique.Id, true, [], change));
        }
        var kept = existing.Keys.Count(id => !seen.ContainsKey(id));
        return new Plan(new DisarmImportResult(rows, Count(DisarmChange.Added), Count(DisarmChange.Updated), Count(DisarmChange.Unchanged), kept), writes);

        int Count(DisarmChange change) => rows.Count(r => r.Change == change);
    }

    private static List<CsvUpload.Record> Parse(byte[] content, IStringLocalizer<Strings> l)
    {
        if (content.Length > DisarmImportRules.MaxBytes) throw CsvUpload.FileError(l[DisarmImportRules.TooBig, DisarmImportRules.MaxBytes / 1024]);
        if (!CsvUpload.TryUtf8(content, out var utf8)) throw CsvUpload.FileError(l[DisarmImportRules.NotUtf8]);
        var records = CsvUpload.Read(utf8, DisarmImportRules.MaxBytes).ToList();
        if (records.Count == 0) throw CsvUpload.FileError(l[DisarmImportRules.Empty]);
        return records;
    }

    [GeneratedRegex(@"^T\d{4}(\.\d{3})?$")]
    private static partial Regex TechniqueId();

    [GeneratedRegex(@"^TA\d{2}$")]
    private static partial Regex TacticId();
}
