using Microsoft.Data.Sqlite;
using Triage.Server.Data;

namespace Triage.Server.Settings;

/// <summary>The one way the desk copies its database: the <c>db backup</c> verb and the backup job both call it.</summary>
public static class DatabaseBackup
{
    public const string PostgresRefusal =
        "the desk copies only a SQLite database; on PostgreSQL, back the database up with pg_dump (see README, Backups).";

    /// <summary>
    /// SQLite's online backup copies a consistent snapshot while the desk keeps writing. It goes to a .partial file first,
    /// so a crash never leaves a half-written file under the final name.
    /// </summary>
    public static async Task WriteAsync(Db db, string path, CancellationToken ct = default)
    {
        if (db.IsPostgres) throw new InvalidOperationException("No backup written: " + PostgresRefusal);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        File.Delete(partial);
        await using (var source = await db.OpenAsync(ct))
        await using (var target = new SqliteConnection($"Data Source={partial};Pooling=False"))
        {
            await target.OpenAsync(ct);
            // SQLite's online backup: a consistent copy while writers go on.
            ((SqliteConnection)source).BackupDatabase(target);
        }
        File.Move(partial, path);
    }
}
