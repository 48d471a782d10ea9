using System.Text.Json.Serialization;

namespace Triage.Client.Cases;

/// <summary>A request about one case: the server's scope rules find the case by this id.</summary>
public interface ICaseRequest
{
    long CaseId { get; }
}

/// <summary>
/// A case write based on a version the caller read (the API takes it from If-Match). Without one the
/// answer is 428; with an old one 412; two writers from the same version cannot both win.
/// </summary>
public interface IVersionedCaseCommand : ICaseRequest
{
    long? ExpectedVersion { get; }
}

/// <summary>What a case write left behind: the version to send with the next write.</summary>
public sealed record CaseChanged(long Id, CaseStatus Status, long Version);

/// <summary>Fields every versioned case command carries; set by the page or the API, never read from a JSON body.</summary>
public abstract class VersionedCaseCommand : IVersionedCaseCommand
{
    [JsonIgnore]
    public long CaseId { get; set; }

    [JsonIgnore]
    public long? ExpectedVersion { get; set; }
}

public static class CaseRules
{
    public const string UnknownVerdict = "Validation.UnknownVerdict";
    public const string UnknownTechnique = "Validation.UnknownTechnique";
    public const string NotAResponder = "Validation.NotAResponder";
    public const string ResponderOutOfReach = "Validation.ResponderOutOfReach";
    public const string MergeIntoItself = "Validation.MergeIntoItself";
    public const string MergeTargetUnknown = "Validation.MergeTargetUnknown";
    public const string MergeTargetFinished = "Validation.MergeTargetFinished";
    public const string SplitOnlyReport = "Validation.SplitOnlyReport";
    public const string SplitReportElsewhere = "Validation.SplitReportElsewhere";
    public const string IllegalTransition = "Conflict.IllegalTransition";
    public const string TopUnitCannotEscalate = "Conflict.TopUnitCannotEscalate";
    public const string AutoAssignManual = "Validation.AutoAssignManual";
    public const string AutoAssignNobody = "Validation.AutoAssignNobody";
    public const string AutoAssignFull = "Validation.AutoAssignFull";
    public const string MentionUnknown = "Validation.MentionUnknown";
    public const string UnknownChoice = "Validation.UnknownChoice";
}
