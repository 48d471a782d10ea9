using Triage.Client.Cases;
using Triage.Client.Pipeline;
using Triage.Client.Reports;
using Triage.Client.Users;
using Triage.Server.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.Cases;

/// <summary>Puts cases into the states a test needs, straight in SQL where the commands do not exist yet.</summary>
public static class CaseDesk
{
    public static async Task<long> NewCase(this TestDesk desk, string text = "Khẩn cấp: uống nước chanh nóng mỗi sáng sẽ chữa khỏi ung thư giai đoạn cuối, bác sĩ bệnh viện K đã xác nhận!", string email = "member@demo.local") =>
        (await desk.SendAs(email, new SubmitReport { Text = text })).CaseId;

    public static Task AddUser(this TestDesk desk, string email, Role role, string unit) => desk.UnitId(unit).ContinueWith(async unitId =>
        await desk.SendAs("admin@demo.local", new AddUser
        {
            Email = email, Name = "Ngô Thị Bích", Roles = [role], UnitId = await unitId, Password = TestDesk.DemoPassword,
        })).Unwrap();

    /// <summary>
    /// Every status but new comes with a classification, an assigned or later case with the district's
    /// responder, an escalated case remembering it was triaged: the facts the transition table reads.
    /// </summary>
    public static Task ForceStatus(this TestDesk desk, long caseId, CaseStatus status) => desk.Execute("""
        UPDATE cases SET status = @status,
            verdict = CASE WHEN @status = 'new' THEN NULL ELSE 'false' END,
            category = CASE WHEN @status = 'new' THEN NULL ELSE 'health' END,
            severity = CASE WHEN @status = 'new' THEN NULL ELSE 2 END,
            assignee_user_id = CASE WHEN @status IN ('assigned', 'responded', 'closed')
                                    THEN (SELECT id FROM users WHERE email = 'responder@demo.local') END,
            status_before_escalation = CASE WHEN @status = 'escalated' THEN 'triaged' END,
            outcome = CASE WHEN @status = 'closed' THEN 'responded' END
        WHERE id = @caseId
        """, new { caseId, status = status.Code() });

    public const string OtherClaim = "Tin đồn: ăn tỏi sống mỗi ngày giúp miễn dịch hoàn toàn với cúm mùa, không cần tiêm vắc-xin nữa!";

    public static Task<long> Version(this TestDesk desk, long caseId) =>
        desk.Scalar<long>("SELECT version FROM cases WHERE id = @caseId", new { caseId });

    /// <summary>Everything a case command may change, so a test can say "nothing changed".</summary>
    public static Task<string> Snapshot(this TestDesk desk, long caseId) => desk.Scalar<string>($"""
        SELECT {TestDatabase.JsonArray}(status, version, verdict, category, severity, assignee_user_id, outcome, status_before_escalation,
                          classification_note, owner_unit_id, updated_at,
                          (SELECT string_agg(technique_id, ',') FROM case_techniques WHERE case_id = c.id))
        FROM cases c WHERE id = @caseId
        """, new { caseId });

    /// <summary>A valid request for each action that has a command, based on <paramref name="version"/>.</summary>
    /// <remarks>A merge needs a target; without <paramref name="intoCaseId"/> it names one no test creates.</remarks>
    public static VersionedCaseCommand Command(CaseAction action, long caseId, long? version, long intoCaseId = 999_998) => action switch
    {
        CaseAction.Classification => new ClassifyCase { CaseId = caseId, ExpectedVersion = version, Verdict = "misleading", Category = "health", Severity = 3 },
        CaseAction.Assignment => new AssignCase { CaseId = caseId, ExpectedVersion = version, ResponderEmail = "responder@demo.local" },
        CaseAction.Dismissal => new DismissCase { CaseId = caseId, ExpectedVersion = version, Reason = "Không phải tin sai" },
        CaseAction.Reopen => new ReopenCase { CaseId = caseId, ExpectedVersion = version, Reason = "Có thêm báo cáo mới" },
        CaseAction.Escalation => new EscalateCase { CaseId = caseId, ExpectedVersion = version, Reason = "Vượt quá thẩm quyền của xã" },
        CaseAction.Deescalation => new DeescalateCase { CaseId = caseId, ExpectedVersion = version, Reason = "Xã xử lý được" },
        CaseAction.Merge => new MergeCase { CaseId = caseId, ExpectedVersion = version, IntoCaseId = intoCaseId },
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "No command yet."),
    };

    public static readonly CaseAction[] Commanded = [CaseAction.Classification, CaseAction.Assignment, CaseAction.Dismissal, CaseAction.Reopen, CaseAction.Escalation, CaseAction.Deescalation, CaseAction.Merge];

    public static Task<CaseChanged> Act(this TestDesk desk, string email, VersionedCaseCommand command) => command switch
    {
        ClassifyCase c => desk.SendAs(email, c),
        AssignCase c => desk.SendAs(email, c),
        DismissCase c => desk.SendAs(email, c),
        ReopenCase c => desk.SendAs(email, c),
        EscalateCase c => desk.SendAs(email, c),
        DeescalateCase c => desk.SendAs(email, c),
        MergeCase c => desk.SendAs(email, c),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };
}
