using System.Globalization;
using System.Text.Json;

namespace Triage.Server.Api;

/// <summary>
/// How much the API reads, and how it answers a request it cannot read. Kestrel and the framework refuse
/// such requests by throwing; left alone, that became an empty answer or a 500. Here it becomes problem details.
/// </summary>
public static class ApiLimits
{
    /// <summary>
    /// For every /api/v1 route: the largest JSON command (a 5,000-character report text, a counter-message)
    /// is a few tens of kilobytes. Routes that take files set their own larger limit, which wins as the more specific.
    /// </summary>
    public const long MaxJsonBody = 1024 * 1024;

    public static IApplicationBuilder UseApiBadRequests(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var api = context.Request.Path.StartsWithSegments("/api");
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!api && !context.Response.HasStarted)
        {
            // The few routes outside the API (sign-out, preferences) answer the status alone, and status code pages say it.
            context.Response.Clear();
            context.Response.StatusCode = e.StatusCode;
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, e.StatusCode, e.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "The request body is not of a type this route reads.",
                _ when e.InnerException is JsonException || e.Message.Contains("body", StringComparison.OrdinalIgnoreCase) =>
                    "The request body could not be read as JSON.",
                _ => "The request could not be read.",
            }, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? string.Create(CultureInfo.InvariantCulture, $"A JSON body may be at most {MaxJsonBody / 1024} KB; uploads say their own limit.")
                : e.InnerException?.Message ?? e.Message);
        }
        catch (InvalidDataException e) when (api && !context.Response.HasStarted)
        {
            // A multipart body whose boundaries or sections do not parse.
            await WriteAsync(context, StatusCodes.Status400BadRequest, "The request body could not be read as a form.", e.Message);
        }
    });

    private static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
