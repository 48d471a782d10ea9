using MediatR;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Triage.Client.Pipeline;
using Triage.Client.Resources;

namespace Triage.Client.Cases;

/// <summary>A field a reviewer was changing, with their value and the one another reviewer saved meanwhile.</summary>
public sealed record ConflictField(string Label, string Yours, string Theirs);

/// <summary>
/// The case page's one way to change a case. Every write carries the version the page shows; when someone
/// saved in between (412) nothing was written, so the case is reloaded and the reviewer sees their values
/// beside the server's and chooses: keep theirs (drop the write) or apply mine (resend it based on the new
/// version). Nothing is overwritten without that choice. An illegal move (409) is a message, not a crash.
/// </summary>
public sealed class CaseEditor(IMediator mediator, IDialogService dialogs, ISnackbar snackbar, IStringLocalizer<Strings> localizer)
{
    public CaseDetail? Case { get; private set; }

    /// <summary>The case does not exist for this reader (404), or no longer does.</summary>
    public bool Missing { get; private set; }

    /// <summary>Raised after every load, so the page shows what the server now holds.</summary>
    public event Func<Task>? Changed;

    private readonly List<Func<bool>> _drafts = [];

    /// <summary>
    /// A form with input the reviewer has not saved. A change made elsewhere then does not reload the case
    /// under it (a reload resets the form); the page says the case changed, and a save meets the conflict dialog.
    /// </summary>
    public IDisposable TrackDraft(Func<bool> unsaved)
    {
        _drafts.Add(unsaved);
        return new Draft(() => _drafts.Remove(unsaved));
    }

    public bool HasDraft => _drafts.Any(unsaved => unsaved());

    private sealed class Draft(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    public async Task LoadAsync(long caseId)
    {
        try
        {
            Case = await mediator.Send(new GetCase(caseId));
            Missing = false;
        }
        catch (NotFoundException)
        {
            Case = null;
            Missing = true;
        }
        if (Changed is { } changed) await changed();
    }

    /// <summary>
    /// Sends the command built on a copy of the case (its version goes in ExpectedVersion), starting from the
    /// page's; after a conflict, on the fresh copy. <paramref name="mine"/> lists the
    /// fields the reviewer was changing against a fresh copy of the case, for the conflict dialog.
    /// Field errors (<see cref="ValidationFailedException"/>) go back to the caller's form.
    /// </summary>
    /// <returns>The result, or null when nothing was written.</returns>
    public async Task<T?> WriteAsync<T>(Func<CaseDetail, IRequest<T>> command, Func<CaseDetail, IReadOnlyList<ConflictField>> mine) where T : class
    {
        if (Case is null) return null;
        var caseId = Case.Id;
        var basis = Case;
        while (true)
        {
            try
            {
                var result = await mediator.Send(command(basis));
                await LoadAsync(caseId);
                return result;
            }
            catch (PreconditionFailedException)
            {
                await LoadAsync(caseId);
                if (Case is null) return null;
                if (!await ConflictDialog.AskAsync(dialogs, localizer, mine(Case)))
                {
                    snackbar.Add(localizer["CasePage.KeptTheirs"], Severity.Info);
                    return null;
                }
                basis = Case;
            }
            catch (ConflictException e)
            {
                snackbar.Add(localizer[e.Code], Severity.Warning);
                await LoadAsync(caseId);
                return null;
            }
            catch (ForbiddenException)
            {
                snackbar.Add(localizer["CasePage.Forbidden"], Severity.Error);
                return null;
            }
            catch (NotFoundException)
            {
                await LoadAsync(caseId);
                return null;
            }
        }
    }
}
