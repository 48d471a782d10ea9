using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Triage.Tests.Support;

namespace Triage.Tests.Http;

/// <summary>An address that leads nowhere answers a person with a page in their language, and an API caller with problem details.</summary>
public sealed class NotFoundHttpTests(DeskFactory desk) : IClassFixture<DeskFactory>
{
    /// <summary>What a browser sends when it navigates to an address.</summary>
    internal static HttpRequestMessage PageRequest(string path, string language)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        request.Headers.AcceptLanguage.ParseAdd(language);
        return request;
    }

    [Theory]
    [InlineData("vi-VN", "Không tìm thấy trang này", "Xem trang hướng dẫn")]
    [InlineData("en-US", "This page does not exist", "Read the help page")]
    public async Task A_browser_asking_for_an_unknown_address_gets_404_and_a_page_in_its_language(string language, string title, string help)
    {
        var response = await desk.NewClient().SendAsync(PageRequest("/no-such-page", language));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/help\">{help}</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_reader_gets_the_same_page_for_an_unknown_address()
    {
        var member = await desk.SignedInClient("member@demo.local");

        var response = await member.SendAsync(PageRequest("/cases/not-a-number", "vi-VN"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("data-testid=\"not-found\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_unknown_api_route_still_answers_problem_details(bool browserAccept)
    {
        var member = await desk.SignedInClient("member@demo.local");
        var request = browserAccept ? PageRequest("/api/v1/no-such-thing", "vi-VN") : new HttpRequestMessage(HttpMethod.Get, "/api/v1/no-such-thing");

        var response = await member.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("not-found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_bare_404_not_a_page()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/_content/Triage.Client/js/no-such-script.js");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));

        var response = await desk.NewClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>A request that fails on a deployed desk shows the friendly error page, never the exception.</summary>
public sealed class ErrorPageHttpTests(ErrorPageHttpTests.FailingDesk desk) : IClassFixture<ErrorPageHttpTests.FailingDesk>
{
    private const string Secret = "SQLite Error 5: database is locked at Triage.Server.Cases.Secret";

    /// <summary>Production, with one address that throws after the desk's whole pipeline has run.</summary>
    public sealed class FailingDesk : DeskFactory
    {
        protected override string EnvironmentName => "Production";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddTransient<IStartupFilter, ThrowAtTheEnd>());
        }

        /// <summary>Runs after the endpoints: only an address no endpoint takes reaches it, inside the exception handler.</summary>
        private sealed class ThrowAtTheEnd : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Use((HttpContext context, RequestDelegate rest) =>
                    context.Request.Path == "/test/fail" ? throw new InvalidOperationException(Secret) : rest(context));
            };
        }
    }

    [Theory]
    [InlineData("vi-VN", "Đã có lỗi xảy ra")]
    [InlineData("en-US", "Something went wrong")]
    public async Task A_failure_shows_the_error_page_in_the_readers_language_without_its_details(string language, string title)
    {
        var response = await desk.NewClient().SendAsync(NotFoundHttpTests.PageRequest("/test/fail", language));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"<h2>{title}</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Triage.", html, StringComparison.Ordinal);
    }
}
