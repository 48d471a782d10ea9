using System.Data;
using System.Globalization;
using Dapper;

namespace Triage.Server.Data;

/// <summary>
/// Times are stored as ISO-8601 text in UTC on both engines (the audit chain hashes that text, and it sorts as time);
/// Dapper needs to be told how to write and read them.
/// </summary>
public static class DapperSetup
{
    private static int _done;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1) return;
        // Dapper maps DateTimeOffset parameters itself before it asks a handler; without its map the handlers below bind them.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new NullableDateTimeOffsetHandler());
    }

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// How a time parameter is stored: the text Microsoft.Data.Sqlite has always written for a DateTimeOffset, offset kept.
    /// Written here so PostgreSQL stores the same text (a timestamptz parameter would not compare with text columns),
    /// and a desk copied from SQLite sorts old and new rows alike.
    /// </summary>
    public static string Stored(DateTimeOffset value) =>
        value.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a time."),
    };

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = Stored(value);
        }

        public override DateTimeOffset Parse(object value) => DapperSetup.Parse(value);
    }

    private sealed class NullableDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset?>
    {
        /// <summary>Typed even when null: PostgreSQL cannot infer the type of a bare null in <c>@x IS NULL</c>.</summary>
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset? value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is { } v ? Stored(v) : DBNull.Value;
        }
        public override DateTimeOffset? Parse(object value) => value is null or DBNull ? null : DapperSetup.Parse(value);
    }
}
