using System.Buffers.Binary;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Triage.Tests.Browser;

/// <summary>
/// Full-page screenshots of each demo role's pages at phone and desktop size, kept as test artifacts under
/// TestResults/screenshots (git-ignored; TRIAGE_SCREENSHOTS moves them) so a person can look at every page without signing in five times.
/// </summary>
public sealed class ScreenshotBrowserTests(BrowserDesk desk, ITestOutputHelper output) : IClassFixture<BrowserDesk>
{
    private static readonly (int Width, int Height)[] Sizes = [(PhonePages.PhoneWidth, PhonePages.PhoneHeight), (1440, 900)];

    public static TheoryData<string, string> RolesAndLanguages => new()
    {
        { "member", "vi-VN" }, { "member", "en-US" }, { "reviewer", "vi-VN" }, { "responder", "vi-VN" },
        { "coordinator", "vi-VN" }, { "admin", "vi-VN" },
    };

    /// <summary>Next to test.sh's TRX files, found from the test assembly's folder up to the solution's.</summary>
    internal static string Folder()
    {
        if (Environment.GetEnvironmentVariable("TRIAGE_SCREENSHOTS") is { Length: > 0 } chosen) return chosen;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Triage.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
    }

    [Theory]
    [MemberData(nameof(RolesAndLanguages))]
    public async Task Each_roles_pages_are_photographed_at_phone_and_desktop_size_without_a_page_error(string role, string locale)
    {
        long? caseId = role is "reviewer" or "responder"
            ? await PhonePages.CaseAssignedToResponder(desk, $"Tin đồn để chụp màn hình ({role}): ăn tỏi sống mỗi sáng phòng được mọi loại virus cúm")
            : null;
        var page = await PhonePages.Open(desk, locale, 1440, 900, phone: false);
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add($"{page.Url}: {error}");
        await BrowserDesk.SignIn(page, $"{role}@demo.local");

        // The role's pages are the ones its navigation offers, read from the menu rather than listed again here.
        var paths = (await page.Locator("nav a[href^='/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            .Distinct().ToList();
        if (caseId is { } id) paths.AddRange([$"/cases/{id}", $"/cases/{id}/respond"]);
        // The case's number depends on which test filed first; the file names do not.
        string Name(string path) => path == "/" ? "home" : caseId is { } c && path.StartsWith($"/cases/{c}", StringComparison.Ordinal)
            ? path.Replace($"/cases/{c}", "/case", StringComparison.Ordinal).Trim('/').Replace('/', '-')
            : path.Trim('/').Replace('/', '-');
        var folder = Path.Combine(Folder(), role);
        Directory.CreateDirectory(folder);
        output.WriteLine($"Screenshots of {role} in {locale}: {folder}");

        var problems = new List<string>();
        foreach (var path in paths)
        {
            var name = Name(path);
            foreach (var (width, height) in Sizes)
            {
                await page.SetViewportSizeAsync(width, height);
                await PhonePages.Visit(page, path);
                if (await PhonePages.Problem(page) is { } broken) problems.Add($"{path} at {width}: {broken}");
                var file = Path.Combine(folder, $"{name}-{width}x{height}-{locale[..2]}.png");
                File.Delete(file);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                if (PngWidth(file) is var shot && shot != width)
                    problems.Add($"{file} is {shot} px wide, not {width}:\n  " + string.Join("\n  ", await page.EvaluateAsync<string[]>(PhonePages.Overflow)));
            }
        }
        problems.AddRange(pageErrors);
        Assert.True(paths.Count >= 3, $"{role}'s navigation offered only {string.Join(", ", paths)}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }

    /// <summary>The width in a PNG's IHDR chunk, or -1 when the file is not a PNG.</summary>
    private static int PngWidth(string file)
    {
        if (!File.Exists(file)) return -1;
        var head = File.ReadAllBytes(file);
        if (head.Length < 24) return -1;
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (!head.AsSpan(0, 8).SequenceEqual(signature) || !head.AsSpan(12, 4).SequenceEqual("IHDR"u8)) return -1;
        return BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(16, 4));
    }
}
