using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Triage.Tests.Support;

namespace Triage.Tests.Http;

/// <summary>The web app manifest that puts the desk on a phone's home screen and in its share sheet.</summary>
public sealed partial class ManifestHttpTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    [Fact]
    public async Task Every_page_links_a_manifest_served_to_anyone_as_a_manifest_with_the_report_form_as_share_target()
    {
        var client = desk.NewClient();
        var html = await client.GetStringAsync("/account/login");
        var href = WebUtility.HtmlDecode(ManifestLink().Match(html).Groups["href"].Value);
        Assert.StartsWith("_content/Triage.Client/manifest", href);
        Assert.Matches(ThemeColour(), html);

        // Browsers fetch the manifest without cookies, so it must not need a session.
        var response = await client.GetAsync("/" + href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("Triage", manifest.GetProperty("name").GetString());
        Assert.Equal("/", manifest.GetProperty("start_url").GetString());
        Assert.Equal("standalone", manifest.GetProperty("display").GetString());
        Assert.Equal(Triage.Client.Layout.DeskTheme.Value.PaletteLight.Primary.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex),
            manifest.GetProperty("theme_color").GetString(), ignoreCase: true);
        var share = manifest.GetProperty("share_target");
        Assert.Equal("/reports/new", share.GetProperty("action").GetString());
        Assert.Equal("GET", share.GetProperty("method").GetString());
        foreach (var name in new[] { "title", "text", "url" })
        {
            Assert.Equal(name, share.GetProperty("params").GetProperty(name).GetString());
        }

        // Icons resolve against the manifest's own address.
        var icons = manifest.GetProperty("icons").EnumerateArray().ToList();
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "192x192");
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "512x512" && i.GetProperty("purpose").GetString()!.Contains("maskable"));
        foreach (var icon in icons)
        {
            var image = await client.GetAsync(new Uri(new Uri(client.BaseAddress!, "/" + href), icon.GetProperty("src").GetString()));
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
            var bytes = await image.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            var size = int.Parse(icon.GetProperty("sizes").GetString()!.Split('x')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        }
    }

    [Fact]
    public async Task A_signed_out_share_is_sent_to_sign_in_with_the_shared_post_kept_in_the_return_address()
    {
        const string shared = "/reports/new?title=Tin%20n%C3%B3ng&text=Xem%20https%3A%2F%2Fwww.facebook.com%2Fshare%2Fp%2F1Ab%2F";
        var response = await desk.NewClient().GetAsync(shared);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/account/login", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.IsAbsoluteUri ? location.Query : "?" + location.OriginalString.Split('?', 2)[1]);
        Assert.Equal(Uri.UnescapeDataString(shared), Uri.UnescapeDataString(query.Single(q => q.Key.Equals("returnUrl", StringComparison.OrdinalIgnoreCase)).Value.ToString()));
    }

    [GeneratedRegex("<link rel=\"manifest\" href=\"(?<href>[^\"]+)\"")]
    private static partial Regex ManifestLink();

    [GeneratedRegex("<meta name=\"theme-color\" content=\"#00695c\"")]
    private static partial Regex ThemeColour();
}
