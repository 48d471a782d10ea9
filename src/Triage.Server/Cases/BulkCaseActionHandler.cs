using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Server.Api;

namespace Triage.Server.Cases;

/// <summary>
/// Each case goes through the whole pipeline as the single command it stands for (roles, scope,
/// validation, its own transaction and audit event), so a bulk action can do nothing a reviewer could
/// not do case by case, and one refusal leaves the others done. That is also why this is not a command
/// itself: it holds no transaction and no turn at the write gate while the commands it sends wait for
/// theirs. Cases run one after another; writes queue at the gate anyway.
/// </summary>
public sealed class BulkCaseActionHandler(IMediator mediator, IStringLocalizer<Strings> localizer) : IRequestHandler<BulkCaseAction, BulkResult>
{
    public async Task<BulkResult> Handle(BulkCaseAction request, CancellationToken cancellationToken)
    {
        var results = new List<BulkItemResult>(request.Items.Count);
        foreach (var item in request.Items)
            results.Add(await RunAsync(Command(request, item), item, cancellationToken));
        return new BulkResult(results);
    }

    private async Task<BulkItemResult> RunAsync(IRequest<CaseChanged> command, BulkItem item, CancellationToken ct)
    {
        try
        {
            var changed = await mediator.Send(command, ct);
            return new BulkItemResult(item.CaseId, true, changed.Version, StatusCodes.Status200OK, null);
        }
        catch (DeskException e)
        {
            return new BulkItemResult(item.CaseId, false, null, StatusOf(e), Message(e));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Logged by the item's own pipeline; the cases already done stay done and the rest still run.
            return new BulkItemResult(item.CaseId, false, null, StatusCodes.Status500InternalServerError, localizer["Error.Body"]);
        }
    }

    private static IRequest<CaseChanged> Command(BulkCaseAction request, BulkItem item) => request.Kind switch
    {
        BulkKind.Assign => new AssignCase
        {
            CaseId = item.CaseId, ExpectedVersion = item.Version, ResponderEmail = request.ResponderEmail, Auto = request.Auto,
        },
        BulkKind.Classify => new ClassifyCase
        {
            CaseId = item.CaseId, ExpectedVersion = item.Version, Verdict = request.Verdict ?? "", Category = request.Category ?? "",
            Severity = request.Severity,
        },
        BulkKind.Dismiss => new DismissCase { CaseId = item.CaseId, ExpectedVersion = item.Version, Reason = request.Reason ?? "" },
        _ => throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "Validation admits no other kind."),
    };

    /// <summary>Whatever the API answers for the single action, read from the API's own mapping so the two cannot drift.</summary>
    public static int StatusOf(DeskException e) =>
        (ApiErrors.ToProblem(e) as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status400BadRequest;

    private string Message(DeskException e) => e switch
    {
        ValidationFailedException v => string.Join(" ", v.Errors.Values.SelectMany(m => m).Distinct()),
        ConflictException c => localizer[c.Code],
        PreconditionFailedException => localizer["Conflict.StaleVersion"],
        PreconditionRequiredException => localizer["Problem.PreconditionRequired"],
        NotFoundException => localizer["Problem.NotFound"],
        ForbiddenException => localizer["Problem.Forbidden"],
        NotSignedInException => localizer["Problem.NotSignedIn"],
        _ => e.Message,
    };
}
