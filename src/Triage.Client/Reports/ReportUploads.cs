using Microsoft.AspNetCore.Http;

namespace Triage.Client.Reports;

public static class ReportUploads
{
    /// <summary>Reads posted files into memory; each is at most 5 MB and the request body is capped.</summary>
    public static async Task<IReadOnlyList<Screenshot>> ReadAsync(IEnumerable<IFormFile> files, CancellationToken ct = default)
    {
        var list = new List<Screenshot>();
        foreach (var file in files.Where(f => f.Length > 0))
        {
            using var buffer = new MemoryStream((int)Math.Min(file.Length, SubmitReport.MaxScreenshotBytes + 1L));
            await file.CopyToAsync(buffer, ct);
            list.Add(new Screenshot(Path.GetFileName(file.FileName), buffer.ToArray()));
        }
        return list;
    }
}
