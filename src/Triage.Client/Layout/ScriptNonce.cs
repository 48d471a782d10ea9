namespace Triage.Client.Layout;

/// <summary>Where the server leaves this request's Content-Security-Policy nonce for the page's one inline script.</summary>
public static class ScriptNonce
{
    public const string ItemKey = "triage.csp-nonce";
}
