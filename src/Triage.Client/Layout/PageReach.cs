using Triage.Client.Account;
using Triage.Client.Pipeline;

namespace Triage.Client.Layout;

/// <summary>
/// Which of the everyday pages a reader's roles lead to: the navigation menu and the "g" shortcuts offer the same ones.
/// Only what is offered; each page's requests are still checked in the pipeline.
/// </summary>
public static class PageReach
{
    public static bool Reports(MyAccount me) => me.Has(Role.Member);

    public static bool MyWork(MyAccount me) => me.Has(Role.Responder) || me.Has(Role.Reviewer);

    public static bool Queue(MyAccount me) => me.Has(Role.Reviewer) || me.Has(Role.Responder) || me.Has(Role.Coordinator);
}
