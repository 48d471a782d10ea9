using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Triage.Client.Cases;
using Triage.Client.Forms;
using Triage.Client.Pipeline;
using Triage.Client.Resources;
using Triage.Client.Taxonomy;

namespace Triage.Client.Queue;

/// <summary>
/// What the assign, classify and dismiss dialogs share: one <see cref="BulkCaseAction"/> over the
/// chosen cases (one case is a bulk of one), sent on Enter, answering the per-case result.
/// </summary>
public abstract class BulkDialog : ComponentBase
{
    [CascadingParameter] protected IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] protected IMediator Mediator { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    /// <summary>The cases with the versions the reviewer saw.</summary>
    [Parameter] public IReadOnlyList<BulkItem> Items { get; set; } = [];
    [Parameter] public TaxonomyTerms? Terms { get; set; }

    protected BulkCaseAction Action { get; } = new();
    protected EditContext Context { get; private set; } = default!;
    protected ServerValidation? Validation { get; set; }

    /// <summary>Why a single case was refused, shown in the dialog so the field can be corrected.</summary>
    protected string? Problem { get; private set; }

    protected bool Busy { get; private set; }

    protected abstract BulkKind Kind { get; }

    /// <summary>
    /// Fields the chosen action cannot do without, keyed like the server's field errors. Checked here
    /// because the server would otherwise refuse every case separately with the same message.
    /// </summary>
    protected abstract IEnumerable<string> MissingFields();

    protected override void OnInitialized()
    {
        Action.Kind = Kind;
        Action.Items = Items;
        Context = new EditContext(Action);
    }

    protected async Task SubmitAsync()
    {
        if (Busy) return;
        var missing = MissingFields().ToList();
        if (missing.Count > 0)
        {
            Validation?.Show(new ValidationFailedException(missing.ToDictionary(f => f, _ => new[] { L[FieldRules.Required].Value })));
            return;
        }
        Busy = true;
        Problem = null;
        try
        {
            var result = await Mediator.Send(Action);
            // A single case refused for its input stays here to be corrected; anything else is reported by the page.
            if (Items.Count == 1 && result.Items is [{ Ok: false, Status: 400 } refused])
                Problem = refused.Problem;
            else
                Dialog.Close(DialogResult.Ok(result));
        }
        catch (ValidationFailedException e)
        {
            Validation?.Show(e);
        }
        catch (ForbiddenException)
        {
            Problem = L["Queue.ReviewersOnly"];
        }
        finally
        {
            Busy = false;
        }
    }

    protected void Cancel() => Dialog.Cancel();
}
