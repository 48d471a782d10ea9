using System.Net;
using System.Text.RegularExpressions;
using Triage.Tests.Support;

namespace Triage.Tests.Http;

public sealed partial class SecurityHeadersTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/v1/taxonomy")]
    [InlineData("/health/live")]
    [InlineData("/no-such-page")]
    public async Task Every_answer_forbids_framing_sniffing_referrers_and_foreign_scripts(string path)
    {
        var response = await desk.NewClient().GetAsync(path);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Contains("form-action 'self'", policy);
        Assert.Matches(ScriptSource(), policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_pages_one_inline_script_carries_the_nonce_of_its_own_answer_and_each_answer_has_a_new_one()
    {
        var client = desk.NewClient();
        var first = await client.GetAsync("/account/login");
        var second = await client.GetAsync("/account/login");

        var nonce = ScriptSource().Match(Assert.Single(first.Headers.GetValues("Content-Security-Policy"))).Groups["nonce"].Value;
        var html = await first.Content.ReadAsStringAsync();
        var inline = InlineScript().Matches(html);
        Assert.NotEmpty(inline);
        Assert.All(inline, script => Assert.Equal(nonce, WebUtility.HtmlDecode(script.Groups["nonce"].Value)));
        Assert.DoesNotContain(nonce, Assert.Single(second.Headers.GetValues("Content-Security-Policy")));
    }

    [GeneratedRegex("script-src 'self' 'nonce-(?<nonce>[A-Za-z0-9_-]{20,})';")]
    private static partial Regex ScriptSource();

    /// <summary>Every script element without a src: each must carry the nonce or the browser refuses it.</summary>
    [GeneratedRegex("<script(?![^>]*\\bsrc=)(?:[^>]*\\bnonce=\"(?<nonce>[^\"]*)\")?[^>]*>")]
    private static partial Regex InlineScript();
}
