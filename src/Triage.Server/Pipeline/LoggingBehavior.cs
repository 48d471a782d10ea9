using System.Diagnostics;
using MediatR;
using Triage.Client.Pipeline;

namespace Triage.Server.Pipeline;

public sealed class LoggingBehavior<TRequest, TResult>(ILogger<LoggingBehavior<TRequest, TResult>> logger)
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
            logger.LogWarning("{Request} refused: the caller's roles may not send it", typeof(TRequest).Name);
            throw;
        }
        catch (NotSignedInException)
        {
            logger.LogWarning("{Request} refused: not signed in or session ended", typeof(TRequest).Name);
            throw;
        }
        catch (NotFoundException e)
        {
            logger.LogInformation("{Request}: {What} not found or outside the caller's scope", typeof(TRequest).Name, e.What);
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
}
