using MediatR;

namespace Triage.Tests.Components;

/// <summary>
/// A mediator for component tests that answers with canned results and records what the component sent.
/// Only components are tested this way; use cases go through the real pipeline.
/// </summary>
public sealed class FakeMediator : IMediator
{
    private readonly Dictionary<Type, Func<object, object>> _answers = [];

    public List<object> Sent { get; } = [];

    /// <summary>Answers every <typeparamref name="TRequest"/> with <paramref name="answer"/>, which may throw.</summary>
    public FakeMediator On<TRequest, TResult>(Func<TRequest, TResult> answer) where TRequest : IRequest<TResult>
    {
        _answers[typeof(TRequest)] = request => answer((TRequest)request)!;
        return this;
    }

    public IEnumerable<T> SentOf<T>() => Sent.OfType<T>();

    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        Sent.Add(request);
        if (!_answers.TryGetValue(request.GetType(), out var answer))
            throw new InvalidOperationException($"The test gave no answer for {request.GetType().Name}.");
        return Task.FromResult((TResponse)answer(request));
    }

    public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
        where TNotification : INotification => Task.CompletedTask;
}
