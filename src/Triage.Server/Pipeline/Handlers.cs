using System.Data.Common;
using MediatR;
using Triage.Client.Pipeline;
using Triage.Server.Data;

namespace Triage.Server.Pipeline;

/// <summary>A state-changing use case: it runs inside the transaction the pipeline opened.</summary>
public abstract class CommandHandler<TRequest, TResult> : IRequestHandler<TRequest, TResult>
    where TRequest : ICommand<TResult>
{
    public Task<TResult> Handle(TRequest request, CancellationToken cancellationToken) =>
        Handle(request, RequestContext.Work, cancellationToken);

    protected abstract Task<TResult> Handle(TRequest request, Work work, CancellationToken ct);
}

/// <summary>A read-only use case: it opens its own connection for the length of the query.</summary>
public abstract class QueryHandler<TRequest, TResult>(Db db) : IRequestHandler<TRequest, TResult>
    where TRequest : IRequest<TResult>
{
    public async Task<TResult> Handle(TRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await Handle(request, connection, RequestContext.Actor, cancellationToken);
    }

    protected abstract Task<TResult> Handle(TRequest request, DbConnection connection, Actor actor, CancellationToken ct);
}
