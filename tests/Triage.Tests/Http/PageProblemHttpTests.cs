using Triage.Tests.Support;

namespace Triage.Tests.Http;

/// <summary>A page opened by its address that the reader may not use answers in words, in their language, never with a stack trace.</summary>
public sealed class PageProblemHttpTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    [Theory]
    [InlineData("/admin/retention")]
    [InlineData("/admin/settings")]
    [InlineData("/routing")]
    public async Task A_member_opening_a_staff_page_is_told_it_is_not_part_of_their_work(string path)
    {
        var member = await desk.SignedInClient("member@demo.local");

        var html = System.Net.WebUtility.HtmlDecode(await member.GetStringAsync(path));

        Assert.Contains("data-problem=\"ForbiddenException\"", html, StringComparison.Ordinal);
        Assert.Contains("Trang này không thuộc phần việc của bạn", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Triage.", html, StringComparison.Ordinal);
    }
}
