using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Triage.Server.Data;
using Triage.Tests.Support;

namespace Triage.Tests.Security;

/// <summary>
/// The desk on a real Kestrel at a random loopback port, reached by real HttpClients: body size limits and
/// request-line limits are Kestrel's, and the in-memory TestServer enforces neither.
/// </summary>
public sealed class KestrelDesk : IAsyncLifetime
{
    private readonly List<HttpClient> _clients = [];

    public DeskFactory Desk { get; } = new();
    public Uri BaseUrl { get; private set; } = default!;

    public Task InitializeAsync()
    {
        Desk.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Desk.StartServer();
        BaseUrl = new Uri(Desk.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return Task.CompletedTask;
    }

    public HttpClient NewClient()
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false,
            // A request that asks for 100-continue sends no body until the desk answers, however slow the machine is.
            Expect100ContinueTimeout = TimeSpan.FromMinutes(1),
        })
        {
            BaseAddress = BaseUrl,
        };
        _clients.Add(client);
        return client;
    }

    /// <summary>A client holding a bearer token the user issued for themselves, as an integration would.</summary>
    public async Task<HttpClient> Bearer(string email)
    {
        var cookie = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await cookie.PostSignInForm(email, TestDesk.DemoPassword)).StatusCode);
        var af = await (await cookie.GetAsync("/api/v1/antiforgery")).Json<JsonElement>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { name = "hostile input tests" }) };
        request.Headers.Add(af.GetProperty("headerName").GetString()!, af.GetProperty("token").GetString());
        var token = (await (await cookie.SendAsync(request)).Json<JsonElement>()).GetProperty("token").GetString();
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T> Scalar<T>(string sql, object? args = null)
    {
        await using var connection = await Desk.Services.GetRequiredService<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException("No value.");
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        await Desk.DisposeAsync();
    }
}
