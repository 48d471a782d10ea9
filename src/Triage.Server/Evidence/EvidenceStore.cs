using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Triage.Server.Data;

namespace Triage.Server.Evidence;

/// <summary>
/// Screenshots on disk under evidence/, named by the SHA-256 of their cleaned bytes: the same image
/// sent twice is stored once, and a file, once written, never changes (so a file copy is a backup).
/// </summary>
public sealed class EvidenceStore(IOptions<DeskOptions> options)
{
    public string Root => options.Value.EvidenceDirectory;

    public static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256);

    /// <summary>Durably writes the file before the report's transaction commits; an existing file is kept.</summary>
    public async Task<string> SaveAsync(byte[] content, CancellationToken ct)
    {
        var sha = HashOf(content);
        var path = PathOf(sha);
        if (File.Exists(path)) return sha;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            await file.WriteAsync(content, ct);
            // On disk before the report that points at it is acknowledged.
            file.Flush(flushToDisk: true);
        }
        try
        {
            File.Move(partial, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another report stored the same image meanwhile: same name, same bytes.
            File.Delete(partial);
        }
        return sha;
    }
}
