using System.Text;

namespace Triage.Client.Stats;

/// <summary>
/// A figure's table as a CSV file the browser saves from a data address: RFC 4180 quoting, UTF-8 with a BOM so
/// Excel reads Vietnamese, and a leading quote before a cell that a spreadsheet would take for a formula
/// (unit names and case titles are typed by people).
/// </summary>
public static class FigureCsv
{
    public static string Text(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var csv = new StringBuilder("\uFEFF");
        Line(csv, headers);
        foreach (var row in rows) Line(csv, row);
        return csv.ToString();
    }

    public static string DataUrl(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows) =>
        "data:text/csv;charset=utf-8," + Uri.EscapeDataString(Text(headers, rows));

    private static void Line(StringBuilder csv, IReadOnlyList<string> cells)
    {
        csv.AppendJoin(',', cells.Select(Cell));
        csv.Append("\r\n");
    }

    private static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0]) && !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
