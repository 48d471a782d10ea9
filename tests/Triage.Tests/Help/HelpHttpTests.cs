using System.Net;
using Triage.Tests.Http;
using Triage.Tests.Support;

namespace Triage.Tests.Help;

public sealed class HelpHttpTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    [Theory]
    [InlineData("en-US", "Reporting posts (members)", "Facebook, TikTok or Zalo")]
    [InlineData("vi-VN", "Báo cáo tin xấu độc (hội viên)", "Thêm vào màn hình chính")]
    public async Task A_member_reads_the_members_help_in_their_language(string language, string title, string phrase)
    {
        var member = await desk.SignedInClient("member@demo.local");

        var response = await member.SendAsync(NotFoundHttpTests.PageRequest("/help", language));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains(phrase, html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"help-reviewer\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_page_asks_a_stranger_to_sign_in()
    {
        var response = await desk.NewClient().SendAsync(NotFoundHttpTests.PageRequest("/help", "vi-VN"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
