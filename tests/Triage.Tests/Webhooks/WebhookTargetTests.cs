using System.Net;
using Triage.Client.Webhooks;
using Triage.Server.Webhooks;

namespace Triage.Tests.Webhooks;

public sealed class WebhookTargetTests
{
    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.1.1")]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void Local_and_private_addresses_are_not_public(string address) =>
        Assert.False(WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("203.0.113.10")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2001:4860:4860::8888")]
    public void Public_addresses_are_public(string address) =>
        Assert.True(WebhookTargets.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("https://192.168.1.1/hook")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://169.254.1.1/hook")]
    public async Task A_private_target_is_refused_unless_private_networks_are_allowed(string url)
    {
        Assert.Equal(WebhookRules.UrlPrivate, await WebhookTargets.ProblemAsync(new Uri(url), allowPrivateNetworks: false, default));
        Assert.Null(await WebhookTargets.ProblemAsync(new Uri(url), allowPrivateNetworks: true, default));
    }

    [Fact]
    public async Task A_public_target_is_accepted() =>
        Assert.Null(await WebhookTargets.ProblemAsync(new Uri("https://203.0.113.10/hook"), allowPrivateNetworks: false, default));

    [Fact]
    public async Task Localhost_by_name_is_refused() =>
        Assert.Equal(WebhookRules.UrlPrivate, await WebhookTargets.ProblemAsync(new Uri("http://localhost/hook"), allowPrivateNetworks: false, default));
}
