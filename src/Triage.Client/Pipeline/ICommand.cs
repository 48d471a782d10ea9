using MediatR;

namespace Triage.Client.Pipeline;

/// <summary>
/// A state-changing request: the pipeline runs it in one transaction and appends
/// one audit event in that same transaction.
/// </summary>
public interface ICommand<out TResult> : IRequest<TResult>;
