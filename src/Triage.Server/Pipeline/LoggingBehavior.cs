using System.Diagnostics;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Server.Pipeline;

/// <summary>
/// Times every request and logs every refusal with who was refused, so repeated probing of other units' cases or
/// of admin-only requests shows in the logs (the audit trail records only what was done).
/// </summary>
public sealed class LoggingBehavior<TRequest, TResult>(ILogger<LoggingBehavior<TRequest, TResult>> logger, ICurrentUser currentUser)
    : IPipelineBehavior<TRequest, TResult>
{
    public async Task<TResult> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResult> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await next();
            logger.LogDebug("{Request} done in {Elapsed:0.0} ms", typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        catch (ForbiddenException)
        {
            logger.LogWarning("{Request} refused for user {UserId}: the caller's roles may not send it", typeof(TRequest).Name, await CallerAsync());
            throw;
        }
        catch (NotSignedInException)
        {
            logger.LogWarning("{Request} refused for user {UserId}: not signed in or session ended", typeof(TRequest).Name, await CallerAsync());
            throw;
        }
        catch (NotFoundException e) when (e.OutOfScope)
        {
            logger.LogWarning("{Request} refused for user {UserId}: its target lies outside the caller's units", typeof(TRequest).Name, await CallerAsync());
            throw;
        }
        catch (NotFoundException e)
        {
            logger.LogInformation("{Request} for user {UserId}: {What} not found or outside the caller's scope", typeof(TRequest).Name, await CallerAsync(), e.What);
            throw;
        }
        catch (DeskException e)
        {
            logger.LogInformation("{Request} answered {Answer}", typeof(TRequest).Name, e.GetType().Name);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "{Request} failed after {Elapsed:0.0} ms", typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    private async Task<string> CallerAsync()
    {
        if (currentUser.IsSystem) return "system";
        return (await currentUser.GetPrincipalAsync())?.UserId()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "anonymous";
    }
}
