namespace Triage.Client.Webhooks;

/// <summary>The case events a webhook may subscribe to (DESIGN.md), as they appear on the wire.</summary>
public static class WebhookEvents
{
    public const string CaseCreated = "case.created";
    public const string CaseClassified = "case.classified";
    public const string CaseAssigned = "case.assigned";
    public const string CaseResponded = "case.responded";
    public const string CaseClosed = "case.closed";

    public static readonly IReadOnlyList<string> All = [CaseCreated, CaseClassified, CaseAssigned, CaseResponded, CaseClosed];
}

/// <summary>Where a delivery stands: not yet tried, retrying after a failure, done, or given up after the last attempt.</summary>
public static class WebhookDeliveryStatus
{
    public const string Pending = "pending";
    public const string Failed = "failed";
    public const string Delivered = "delivered";
    public const string Abandoned = "abandoned";
}

/// <summary>Validation message keys of the webhook use cases.</summary>
public static class WebhookRules
{
    public const string UrlNotHttp = "Validation.WebhookUrlNotHttp";
    public const string UrlPrivate = "Validation.WebhookUrlPrivate";
    public const string UrlUnresolvable = "Validation.WebhookUrlUnresolvable";
    public const string UnknownEvent = "Validation.WebhookUnknownEvent";
    public const string NoEvents = "Validation.WebhookNoEvents";
    public const string SecretTooShort = "Validation.WebhookSecretTooShort";

    public const int MinSecretLength = 16;
}
