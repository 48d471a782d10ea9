using System.Globalization;
using System.Text;

// Feature folders carry the use case's name in both projects; the desk is written in C# only, where "Imports" is no keyword.
[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Scope = "namespace", Target = "~N:Triage.Client.Imports",
    Justification = "C# only; the namespace follows the feature folder.")]

namespace Triage.Client.Imports;

/// <summary>
/// The fields an imported row may fill and the column names they are found under when the coordinator maps
/// none: ours in English, and the ones Vietnamese sheets and Google Forms use. Names are compared without
/// case, accents, spaces or punctuation, so "Nội dung", "noi dung" and "NOI_DUNG" all find the text.
/// </summary>
public static class ImportColumns
{
    public const string Url = "url";
    public const string Text = "text";
    public const string Platform = "platform";
    public const string Category = "category";
    public const string Note = "note";
    public const string ReportedAt = "reportedAt";

    public static readonly IReadOnlyList<string> Fields = [Url, Text, Platform, Category, Note, ReportedAt];

    /// <summary>Limits of one file; the page and the API refuse more before reading it.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 10_000;

    private static readonly Dictionary<string, string[]> Aliases = new()
    {
        [Url] = ["url", "link", "links", "đường dẫn", "liên kết", "đường link", "link bài viết", "link bài đăng", "địa chỉ", "address"],
        [Text] = ["text", "content", "nội dung", "nội dung bài viết", "nội dung bài đăng", "nội dung tin", "message"],
        [Platform] = ["platform", "nền tảng", "mạng xã hội", "kênh"],
        [Category] = ["category", "danh mục", "lĩnh vực", "loại", "phân loại"],
        [Note] = ["note", "notes", "ghi chú", "comment", "comments"],
        [ReportedAt] = ["reportedAt", "reported at", "date", "time", "timestamp", "thời gian", "ngày", "ngày báo cáo", "dấu thời gian",
                        "thời điểm", "submitted at"],
    };

    private static readonly Dictionary<string, string> ByKey = Aliases
        .SelectMany(a => a.Value.Select(name => (Key: Key(name), Field: a.Key)))
        .GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.First().Field);

    /// <summary>Each field to the first header of the file that carries one of its names.</summary>
    public static Dictionary<string, string> Guess(IEnumerable<string> headers)
    {
        var columns = new Dictionary<string, string>();
        foreach (var header in headers)
            if (ByKey.TryGetValue(Key(header), out var field) && !columns.ContainsKey(field))
                columns[field] = header;
        return columns;
    }

    /// <summary>
    /// The mapping an import uses: the caller's choice for each field it names (an empty choice leaves the field out),
    /// the guess for the others.
    /// </summary>
    public static Dictionary<string, string> Resolve(IReadOnlyList<string> headers, IReadOnlyDictionary<string, string>? chosen)
    {
        var columns = Guess(headers);
        foreach (var (field, header) in chosen ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(header)) columns.Remove(field);
            else columns[field] = header;
        }
        return columns;
    }

    /// <summary>Lower case, no accents (đ too), letters and digits only.</summary>
    public static string Key(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower == 'đ') text.Append('d');
            else if (char.IsLetterOrDigit(lower)) text.Append(lower);
        }
        return text.ToString();
    }
}

public static class ImportRules
{
    public const string NotUtf8 = "Import.File.NotUtf8";
    public const string Empty = "Import.File.Empty";
    public const string TooBig = "Import.File.TooBig";
    public const string TooManyRows = "Import.File.TooManyRows";
    public const string MissingColumns = "Import.File.MissingColumns";
    public const string UnknownHeader = "Import.File.UnknownHeader";
    public const string UnknownField = "Import.File.UnknownField";
    public const string Malformed = "Import.File.Malformed";
    public const string RowEmpty = "Import.Row.Empty";
    public const string RowBadDate = "Import.Row.BadDate";
    public const string RowFutureDate = "Import.Row.FutureDate";
    public const string RowField = "Import.Row.Field";
}
