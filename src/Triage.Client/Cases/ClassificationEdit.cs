namespace Triage.Client.Cases;

/// <summary>Which classification fields a reviewer changed from what they loaded.</summary>
public sealed record ClassificationChanges(bool Verdict, bool Category, bool Severity, bool Techniques, bool Note)
{
    public bool Any => Verdict || Category || Severity || Techniques || Note;
}

/// <summary>
/// A classification is written whole, so resending one over a newer version must not put back the fields
/// someone else changed and this reviewer did not touch: those come from the newer version.
/// </summary>
public static class ClassificationEdit
{
    public static ClassifyCase Of(CaseDetail c) => new()
    {
        Verdict = c.Verdict ?? "", Category = c.Category ?? "", Severity = c.Severity,
        DisarmTechniques = c.DisarmTechniques, Note = c.ClassificationNote,
    };

    public static ClassificationChanges Changes(ClassifyCase loaded, ClassifyCase mine) => new(
        mine.Verdict != loaded.Verdict,
        mine.Category != loaded.Category,
        mine.Severity != loaded.Severity,
        Techniques(mine) != Techniques(loaded),
        (mine.Note ?? "") != (loaded.Note ?? ""));

    /// <summary>The reviewer's changes on top of <paramref name="basis"/>; everything of theirs when they changed nothing (a deliberate re-save).</summary>
    public static ClassifyCase Apply(ClassifyCase loaded, ClassifyCase mine, CaseDetail basis)
    {
        var changes = Changes(loaded, mine);
        var theirs = changes.Any ? Of(basis) : mine;
        return new ClassifyCase
        {
            CaseId = basis.Id,
            ExpectedVersion = basis.Version,
            Verdict = changes.Verdict ? mine.Verdict : theirs.Verdict,
            Category = changes.Category ? mine.Category : theirs.Category,
            Severity = changes.Severity ? mine.Severity : theirs.Severity,
            DisarmTechniques = changes.Techniques ? mine.DisarmTechniques : theirs.DisarmTechniques,
            Note = changes.Note ? mine.Note : theirs.Note,
        };
    }

    public static string Techniques(ClassifyCase c) => string.Join(", ", (c.DisarmTechniques ?? []).Order(StringComparer.Ordinal));
}
