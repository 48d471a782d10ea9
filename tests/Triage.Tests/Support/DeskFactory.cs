using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Triage.Tests.Support;

/// <summary>The whole desk in Development (demo seed included) over its own temporary data directory.</summary>
public class DeskFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = TempDirectory.Create();

    /// <summary>Extra settings a test class needs, e.g. a low rate limit.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Development by default (demo seed); Production for what only a real deployment does (HSTS, error page).</summary>
    protected virtual string EnvironmentName => "Development";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Triage:DataDirectory", DataDirectory);
        builder.UseSetting("Triage:Demo:Password", TestDesk.DemoPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in TestDatabase.SettingsFor(DataDirectory).Concat(Settings)) builder.UseSetting(key, value);
    }

    /// <summary>A client with its own cookie jar that does not follow redirects, so tests see them.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> SignedInClient(string email, string password = TestDesk.DemoPassword)
    {
        var client = NewClient();
        var response = await client.PostSignInForm(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TestDatabase.Drop(DataDirectory);
        TempDirectory.Delete(DataDirectory);
        GC.SuppressFinalize(this);
    }
}

public static partial class DeskHttp
{
    /// <summary>A client with a bearer token the user issued for themselves, as an integration would hold one.</summary>
    public static async Task<HttpClient> BearerClient(this DeskFactory desk, string email)
    {
        var cookie = await desk.SignedInClient(email);
        var af = await (await cookie.GetAsync("/api/v1/antiforgery")).Json<System.Text.Json.JsonElement>();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { name = "test client" }) };
        request.Headers.Add(af.GetProperty("headerName").GetString()!, af.GetProperty("token").GetString());
        var token = (await (await cookie.SendAsync(request)).Json<System.Text.Json.JsonElement>()).GetProperty("token").GetString();
        var client = desk.NewClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Posts the real sign-in form, antiforgery token included, as a browser without JavaScript would.</summary>
    public static async Task<HttpResponseMessage> PostSignInForm(this HttpClient client, string email, string password, string? returnUrl = null)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var url = returnUrl is null ? "/account/login" : $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    public static async Task<T> Json<T>(this HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
