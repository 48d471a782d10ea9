using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Triage.Server.Data;

namespace Triage.Server.Exports;

/// <summary>
/// A reporter as exports name them: HMAC-SHA256 of the user id under a key kept in the data directory's
/// <c>keys/</c> on SQLite, and in <c>desk_secrets</c> on PostgreSQL, where every server must name a reporter alike. A plain hash of an id could be reversed by hashing every id; the key makes the pseudonym
/// useless without the desk, while the same reporter still reads the same across exports and restarts.
/// </summary>
public sealed class ReporterPseudonyms
{
    private const string KeyFile = "export-pseudonyms.key";
    public const string SecretName = "export-pseudonyms";
    private const int KeyBytes = 32;

    private readonly byte[] _key;

    private ReporterPseudonyms(byte[] key) => _key = key;

    /// <summary>The desk's key, wherever the connection's engine keeps it (see the class summary).</summary>
    public static async Task<ReporterPseudonyms> LoadAsync(DbConnection connection, string keysDirectory, DateTimeOffset now, DbTransaction? transaction = null)
    {
        if (!connection.IsPostgres()) return Load(keysDirectory);
        // Whoever inserts first wins; everyone, the winner included, reads back the one row that won.
        await connection.ExecuteAsync("""
            INSERT INTO desk_secrets (name, value, created_at) VALUES (@SecretName, @value, @createdAt)
            ON CONFLICT (name) DO NOTHING
            """, new { SecretName, value = RandomNumberGenerator.GetBytes(KeyBytes), createdAt = DapperSetup.Format(now) }, transaction);
        var key = await connection.ExecuteScalarAsync<byte[]>("SELECT value FROM desk_secrets WHERE name = @SecretName", new { SecretName }, transaction)
            ?? throw new InvalidOperationException($"desk_secrets lost the row '{SecretName}' it was just given.");
        if (key.Length != KeyBytes)
            throw new InvalidOperationException($"desk_secrets '{SecretName}' should hold {KeyBytes} bytes; restore it from a backup rather than deleting it, or pseudonyms change.");
        return new ReporterPseudonyms(key);
    }

    /// <summary>Reads the key file, creating it on first use; two first exports at once agree on whichever file won.</summary>
    public static ReporterPseudonyms Load(string keysDirectory)
    {
        Directory.CreateDirectory(keysDirectory);
        var path = Path.Combine(keysDirectory, KeyFile);
        if (!File.Exists(path))
        {
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var file = new FileStream(path, options);
                file.Write(RandomNumberGenerator.GetBytes(KeyBytes));
                file.Flush(flushToDisk: true);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another export created it first.
            }
        }
        var key = File.ReadAllBytes(path);
        if (key.Length != KeyBytes)
            throw new InvalidOperationException($"{path} should hold {KeyBytes} bytes; restore it from a backup rather than deleting it, or pseudonyms change.");
        return new ReporterPseudonyms(key);
    }

    public string Of(long userId)
    {
        using var one = Begin();
        return one.Of(userId);
    }

    /// <summary>For one pass over many rows: keeps the keyed state between rows, which a one-shot HMAC sets up again every call.</summary>
    public Pass Begin() => new(IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key));

    /// <summary>Not thread-safe: one enumeration of one export.</summary>
    public sealed class Pass(IncrementalHash hmac) : IDisposable
    {
        public string Of(long userId)
        {
            Span<byte> id = stackalloc byte[20];
            userId.TryFormat(id, out var length, default, CultureInfo.InvariantCulture);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            hmac.AppendData(id[..length]);
            hmac.GetHashAndReset(mac);
            return Convert.ToHexStringLower(mac);
        }

        public void Dispose() => hmac.Dispose();
    }
}
