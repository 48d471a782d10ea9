using System.Text;

namespace Triage.Server.Onboarding;

/// <summary>
/// An RFC 4180 reader small enough to read in one sitting: quoted fields may hold commas, doubled quotes
/// and line breaks; a record remembers the line it starts on (what a spreadsheet shows as its row) and
/// whether its quoting was broken, so the import can name the line instead of giving up on the file.
/// </summary>
public static class CsvRecords
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields, bool Malformed);

    public static IEnumerable<Record> Read(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var malformed = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                // A quoted field: to the closing quote, a doubled quote standing for one.
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        closed = true;
                        break;
                    }
                    if (text[i] == '\n') line++;
                    field.Append(text[i++]);
                }
                if (!closed) malformed = true;
                // Anything between the closing quote and the separator is broken quoting; keep it as text.
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    malformed = true;
                    field.Append(text[i++]);
                }
                continue;
            }
            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
                continue;
            }
            if (c is '\r' or '\n')
            {
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                fields.Add(field.ToString());
                field.Clear();
                if (fields.Count > 1 || fields[0].Length > 0) yield return new Record(start, fields.ToArray(), malformed);
                fields.Clear();
                malformed = false;
                start = ++line;
                continue;
            }
            // A quote inside an unquoted field is taken literally, as spreadsheets do; the shipped DISARM seed has
            // Boycott/"Cancel" Opponents. Only quoting that opens a field and then breaks is malformed.
            field.Append(c);
            i++;
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            if (fields.Count > 1 || fields[0].Length > 0) yield return new Record(start, fields.ToArray(), malformed);
        }
    }
}
