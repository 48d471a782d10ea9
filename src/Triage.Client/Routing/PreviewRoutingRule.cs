using MediatR;
using Triage.Client.Cases;
using Triage.Client.Pipeline;

namespace Triage.Client.Routing;

/// <summary>
/// Which of the last <see cref="Window"/> cases owned in the rule's unit subtree an unsaved rule would
/// match, judged by its conditions alone. Nothing is written.
/// </summary>
[AllowRoles(Role.Coordinator)]
public sealed class PreviewRoutingRule : RoutingRuleFields, IRequest<RulePreview>
{
    public const int Window = 100;
}

/// <param name="Examined">How many cases were looked at (at most <see cref="PreviewRoutingRule.Window"/>).</param>
public sealed record RulePreview(int Examined, IReadOnlyList<PreviewMatch> Matches);

public sealed record PreviewMatch(long CaseId, string Title, CaseStatus Status, string QueueName);
