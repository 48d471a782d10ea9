namespace Triage.Client.Responses;

/// <summary>What the editor opens with: a saved draft (with its id), or the parts of a new one.</summary>
public sealed record ResponseStart(long? ResponseId, string Kind, string Channel, string Language,
    string? Fact = null, string? Myth = null, string? Fallacy = null, string? FactAgain = null, string? Text = null)
{
    public static ResponseStart Of(CaseResponse draft) => new(draft.Id, draft.Kind, draft.Channel, draft.Language,
        draft.Fact, draft.Myth, draft.Fallacy, draft.FactAgain, draft.Text);
}
