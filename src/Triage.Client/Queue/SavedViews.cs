using MediatR;
using Triage.Client.Cases;
using Triage.Client.Pipeline;

namespace Triage.Client.Queue;

/// <summary>A named set of queue filters, private to the user who saved it.</summary>
public sealed record SavedView(long Id, string Name, CaseFilter Filter);

/// <summary>The caller's saved views, by name.</summary>
[AllowRoles(Role.Reviewer, Role.Responder, Role.Coordinator)]
public sealed record ListSavedViews : IRequest<IReadOnlyList<SavedView>>;
