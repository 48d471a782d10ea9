using Triage.Client.Account;
using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Taxonomy;
using Triage.Client.Units;

namespace Triage.Tests.Components;

/// <summary>Canned answers for the case page's queries, shaped like the server's.</summary>
public static class CaseViewData
{
    public const long CaseId = 42;
    public const string Screenshot = "a3f1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    public static readonly DateTimeOffset FirstSeen = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);
    public static readonly Person Reviewer = new(3, "reviewer@demo.local", "Lê Thị Hồng Nhung");
    public static readonly Person OtherReviewer = new(9, "reviewer3@demo.local", "Đỗ Thị Hạnh");

    public static MyAccount Account(params Role[] roles) =>
        new(Reviewer.Id, Reviewer.Email, Reviewer.Name, roles, new UnitRef(2, "D1", "Hội LHPN huyện Bình Minh"));

    public static CaseDetail Case(CaseStatus status = CaseStatus.New, long version = 3, bool mayAct = true, string? verdict = null,
        string? note = null, IReadOnlyList<string>? techniques = null, int? severity = null, int boost = 0) =>
        new(CaseId, status, version, "Uống nước chanh nóng chữa ung thư", 2, verdict, verdict is null ? null : "health", severity ?? (verdict is null ? null : 2),
            techniques ?? [], CasePriority.Of(2, 2, 2, severity, TimeSpan.FromHours(5), open: true, boost),
            new UnitRef(5, "D1-C1", "Hội LHPN xã Phú Thịnh"), null, null, null, FirstSeen,
            [
                new CaseReport(100, "https://www.facebook.com/groups/1/posts/2", "https://facebook.com/groups/1/posts/2", "facebook",
                    "Khẩn cấp: uống nước chanh nóng mỗi sáng sẽ chữa khỏi ung thư", null, null, FirstSeen, [Screenshot],
                    new Person(7, "member@demo.local", "Hoàng Thị Mai")),
                new CaseReport(101, null, null, "zalo", "Nước chanh nóng chữa ung thư giai đoạn cuối", "health", "Thấy trong nhóm Zalo",
                    FirstSeen.AddHours(2), [], null),
            ])
        {
            MayAct = mayAct,
            ClassificationNote = note,
        };

    public static TaxonomyTerms Terms { get; } = new(
        [new Term("false", new TermLabels("Sai sự thật", "False")), new Term("misleading", new TermLabels("Gây hiểu lầm", "Misleading"))],
        [new Term("health", new TermLabels("Y tế", "Health")), new Term("politics", new TermLabels("Chính trị", "Politics"))],
        [new Term("facebook", new TermLabels("Facebook", "Facebook")), new Term("zalo", new TermLabels("Zalo", "Zalo"))]);

    public static IReadOnlyList<DisarmTechnique> Techniques { get; } =
    [
        new("T0002", "Facilitate State Propaganda", "TA02"),
        new("T0015", "Create Hashtags and Search Artefacts", "TA06"),
        new("T0015.001", "Use Existing Hashtag", "TA06"),
        new("T0015.002", "Create New Hashtag", "TA06"),
        new("T0085.004", "Develop Document", "TA06"),
    ];

    /// <summary>A mediator answering every query the page sends on opening, with this case.</summary>
    public static FakeMediator Mediator(Func<CaseDetail> current, bool blur = true) => new FakeMediator()
        .On<GetPreferences, Preferences>(_ => new Preferences(blur))
        .On<GetTaxonomy, TaxonomyTerms>(_ => Terms)
        .On<ListDisarmTechniques, IReadOnlyList<DisarmTechnique>>(_ => Techniques)
        .On<GetCase, CaseDetail>(_ => current())
        .On<Triage.Client.Sla.GetCaseSla, Triage.Client.Sla.CaseSla>(_ => new(null, null, null, []))
        .On<ListResponders, IReadOnlyList<Responder>>(_ =>
            [new Responder(4, "responder@demo.local", "Phạm Thị Lan", new UnitRef(2, "D1", "Hội LHPN huyện Bình Minh"), 1)])
        .On<Triage.Client.Responses.ListCaseResponses, IReadOnlyList<Triage.Client.Responses.CaseResponse>>(_ => [])
        .On<FindSimilarCases, SimilarCasePage>(_ => new SimilarCasePage([new SimilarCase(41, 3.2, "Nước chanh chữa ung thư?", CaseStatus.Triaged)]))
        .On<GetCaseActivity, CaseActivity>(_ => new CaseActivity(
            [new TimelineEntry(1, FirstSeen, "SubmitReport", null, new Dictionary<string, string>()),
             new TimelineEntry(2, FirstSeen.AddHours(3), "ClassifyCase", OtherReviewer, new Dictionary<string, string> { ["from"] = "new", ["to"] = "triaged" })],
            [new CaseComment(1, CaseId, OtherReviewer, "@reviewer@demo.local xem giúp em nguồn này", [Reviewer], FirstSeen.AddHours(4))]));
}
