using System.Collections;

namespace Triage.Client.Taxonomy;

/// <summary>
/// A kind's terms as the desk offers them: enumerating it (pages' choices, the API's JSON) yields the current terms
/// only, while <see cref="TermLookup.LabelOf"/> also knows the retired ones, so a case classified before a term was
/// retired keeps its label instead of showing a bare code.
/// </summary>
public sealed class TermList(IReadOnlyList<Term> current, IReadOnlyList<Term> retired) : IReadOnlyList<Term>
{
    public IReadOnlyList<Term> Retired { get; } = retired;

    public Term? Find(string code) => current.FirstOrDefault(t => t.Code == code) ?? Retired.FirstOrDefault(t => t.Code == code);

    public Term this[int index] => current[index];
    public int Count => current.Count;
    public IEnumerator<Term> GetEnumerator() => current.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
