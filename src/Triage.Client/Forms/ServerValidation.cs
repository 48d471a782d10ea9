using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Triage.Client.Pipeline;

namespace Triage.Client.Forms;

/// <summary>
/// Shows the pipeline's field messages under the fields of the surrounding form. The rules live
/// once, on the request, and are checked on the server; the form only displays the answer.
/// </summary>
public sealed class ServerValidation : ComponentBase, IDisposable
{
    private ValidationMessageStore? _store;
    private EditContext? _context;

    [CascadingParameter] private EditContext? CurrentEditContext { get; set; }

    protected override void OnParametersSet()
    {
        if (CurrentEditContext == _context) return;
        Detach();
        _context = CurrentEditContext ?? throw new InvalidOperationException("ServerValidation must sit inside an EditForm.");
        _store = new ValidationMessageStore(_context);
        _context.OnFieldChanged += ClearField;
    }

    public void Show(ValidationFailedException failure)
    {
        if (_context is null || _store is null) return;
        _store.Clear();
        foreach (var (field, messages) in failure.Errors)
            _store.Add(_context.Field(ToPropertyName(field)), messages);
        _context.NotifyValidationStateChanged();
    }

    public void Clear()
    {
        _store?.Clear();
        _context?.NotifyValidationStateChanged();
    }

    private void ClearField(object? sender, FieldChangedEventArgs e) => _store?.Clear(e.FieldIdentifier);

    private static string ToPropertyName(string field) =>
        field.Length == 0 ? field : char.ToUpperInvariant(field[0]) + field[1..];

    private void Detach()
    {
        if (_context is not null) _context.OnFieldChanged -= ClearField;
    }

    public void Dispose() => Detach();
}
