namespace Triage.Tests.Security;

/// <summary>The repository's own source files, found from the test's output folder upwards.</summary>
public static class SourceTree
{
    public static string Root { get; } = FindRoot();

    /// <summary>Files under src/ with one of <paramref name="extensions"/>, build output left out; paths relative to the root, with '/'.</summary>
    public static IReadOnlyList<string> Files(params string[] extensions) =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Triage.sln"))) return dir.FullName;
        throw new InvalidOperationException("Triage.sln not found above " + AppContext.BaseDirectory);
    }
}
