using Microsoft.AspNetCore.Antiforgery;
using Triage.Client.Pipeline;

namespace Triage.Server.Api;

/// <summary>Turns the pipeline's answers into RFC 9457 problem details, one status per kind of answer.</summary>
public sealed class ApiErrors : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DeskException e)
        {
            return ToProblem(e);
        }
    }

    public static IResult ToProblem(DeskException e) => e switch
    {
        ValidationFailedException v => TypedResults.ValidationProblem(v.Errors, title: "One or more fields are invalid."),
        NotSignedInException => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in first."),
        ForbiddenException => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: e.Message),
        NotFoundException => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: e.Message),
        ConflictException c => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: c.Message,
            extensions: new Dictionary<string, object?> { ["code"] = c.Code }),
        PreconditionRequiredException => TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: e.Message),
        PreconditionFailedException p => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: p.Message,
            extensions: new Dictionary<string, object?> { ["currentVersion"] = p.CurrentVersion }),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: e.Message),
    };
}

/// <summary>
/// A browser's cookie is sent on cross-site requests too, so a cookie-authenticated write must
/// carry the antiforgery token in <c>X-CSRF-TOKEN</c>; bearer tokens are not sent by browsers on their own.
/// </summary>
public sealed class CookieWritesNeedAntiforgery(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var safe = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method);
        var bearer = http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (!safe && !bearer && !await antiforgery.IsRequestValidAsync(http))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                title: "Missing or invalid antiforgery token.",
                detail: "Cookie-authenticated writes must send the token from GET /api/v1/antiforgery in the X-CSRF-TOKEN header.");
        return await next(context);
    }
}
