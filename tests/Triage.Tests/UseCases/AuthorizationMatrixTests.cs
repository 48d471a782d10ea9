using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Account;
using Triage.Client.Cases;
using Triage.Client.Library;
using Triage.Client.Onboarding;
using Triage.Client.Pipeline;
using Triage.Client.Queue;
using Triage.Client.Reports;
using Triage.Client.Responses;
using Triage.Client.Routing;
using Triage.Server.Pipeline;
using Triage.Tests.Cases;
using Triage.Tests.Support;

namespace Triage.Tests.UseCases;

/// <summary>
/// Every registered request, sent by each role from district D1 at a target in D1 itself, in its commune (child),
/// in the neighbouring district D2 (sibling) and in the province above (parent), through the pipeline's own
/// authorisation step. What each cell must answer is derived from the request's declared roles and from what it
/// aims at (found by its properties), so a new request type is in the matrix the moment it exists.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.Fixture fixture) : IClassFixture<AuthorizationMatrixTests.Fixture>
{
    public enum Relation { Own, Child, Sibling, Parent }

    public enum Outcome { Allowed, Forbidden, NotFound, NotSignedIn }

    /// <summary>What a request points at; each kind is owned by a unit, so it can be placed at any relation.</summary>
    public enum Aim { Nothing, Case, Response, Evidence, Queue, RoutingRule, Invite, User, Unit, Token, SavedView }

    private static readonly Dictionary<Relation, string> UnitCodes = new()
    {
        [Relation.Own] = "D1", [Relation.Child] = "D1-C1", [Relation.Sibling] = "D2", [Relation.Parent] = "P",
    };

    /// <summary>Properties that name a thing, in the order a request with several is aimed by.</summary>
    private static readonly (string Property, Aim Aim)[] AimingProperties =
    [
        ("CaseId", Aim.Case), ("ResponseId", Aim.Response), ("Sha256", Aim.Evidence), ("QueueId", Aim.Queue),
        ("RuleId", Aim.RoutingRule), ("InviteId", Aim.Invite), ("ViewId", Aim.SavedView), ("UserId", Aim.User),
        ("UnitId", Aim.Unit), ("ParentId", Aim.Unit),
    ];

    /// <summary>An <c>Id</c> says nothing by its name: each request carrying one says here what it names.</summary>
    private static readonly Dictionary<Type, Aim> IdMeans = new()
    {
        [typeof(Client.Units.GetUnit)] = Aim.Unit,
        [typeof(Client.Units.RenameUnit)] = Aim.Unit,
        [typeof(Client.Units.MoveUnit)] = Aim.Unit,
        [typeof(RevokeApiToken)] = Aim.Token,
        // The library is the organisation's, shared by every unit; editing is limited by role alone.
        [typeof(SaveLibraryMessage)] = Aim.Nothing,
        // Aimed by its UnitId, which comes first; the Id only picks the rule being edited.
        [typeof(SaveRoutingRule)] = Aim.Unit,
    };

    /// <summary>
    /// Requests whose target property does not place them in a unit, each with the reason. Everything else that
    /// names a thing must answer 404 for a thing outside the caller's subtree.
    /// </summary>
    private static readonly Dictionary<Type, string> UnitFree = new()
    {
        [typeof(Client.Webhooks.DeleteWebhook)] = "webhooks are the desk's, administered by Admin",
        [typeof(Client.Webhooks.EnableWebhook)] = "webhooks are the desk's, administered by Admin",
        [typeof(Client.Webhooks.ListWebhookDeliveries)] = "webhooks are the desk's, administered by Admin",
        [typeof(Client.Taxonomy.SetTaxonomyTermRetired)] = "the taxonomy is the desk's",
        [typeof(Client.Audit.ListAuditEvents)] = "the audit log is the desk's, read by Admin",
        [typeof(Client.TwoFactor.VerifyTwoFactorSignIn)] = "the code step of signing in, before any session: the user comes from the pending sign-in cookie",
    };

    /// <summary>Requests a responder may send only for a case assigned to them; the D1 responder here holds none.</summary>
    private static readonly HashSet<Type> AssigneeOnlyForResponders =
    [
        typeof(CloseCase), typeof(DraftResponse), typeof(UpdateDraft), typeof(RequestApproval), typeof(PublishResponse), typeof(RecordReach),
    ];

    public static TheoryData<string> RequestTypes() => new(AccessRuleTests.RequestTypes().Select(t => t.FullName!).Order());

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public async Task Each_role_at_each_unit_gets_the_answer_the_request_declares(string typeName)
    {
        var type = typeof(Role).Assembly.GetType(typeName)!;
        var aim = AimOf(type);
        var failures = new List<string>();
        foreach (var role in Enum.GetValues<Role>())
            foreach (var relation in aim.Aim == Aim.Nothing ? [Relation.Own] : Enum.GetValues<Relation>())
            {
                var request = Build(type, aim, fixture.Targets[relation]);
                var expected = Expected(type, aim.Aim, role, relation);
                var actual = await fixture.Decide(request, Fixture.ActorOf(role));
                if (actual != expected) failures.Add($"{role} at {relation} ({UnitCodes[relation]}): expected {expected}, got {actual}");
            }
        Assert.True(failures.Count == 0, $"{type.Name} aimed at {aim.Aim}:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Nobody_signed_in_is_refused_every_request_but_the_anonymous_ones()
    {
        var open = new List<string>();
        foreach (var type in AccessRuleTests.RequestTypes())
        {
            var aim = AimOf(type);
            var outcome = await fixture.Decide(Build(type, aim, fixture.Targets[Relation.Own]), email: null);
            var anonymous = AccessRule.For(type).Anonymous;
            if ((outcome == Outcome.NotSignedIn) == anonymous) open.Add($"{type.Name}: {outcome}");
        }
        Assert.Empty(open);
    }

    [Fact]
    public void A_request_that_names_a_thing_by_an_undeclared_Id_fails_the_matrix()
    {
        Assert.Throws<InvalidOperationException>(() => AimOf(typeof(NamesSomethingById)));
    }

    [AllowRoles(Role.Reviewer)]
    private sealed record NamesSomethingById(long Id) : IRequest<int>;

    private static Outcome Expected(Type type, Aim aim, Role role, Relation relation)
    {
        var rule = AccessRule.For(type);
        if (rule.SystemOnly) return Outcome.Forbidden;
        if (rule.Roles is { } roles && role != Role.Admin && !roles.Contains(role)) return Outcome.Forbidden;
        if (aim == Aim.Nothing || UnitFree.ContainsKey(type)) return Outcome.Allowed;
        var inSubtree = relation is Relation.Own or Relation.Child;
        return aim switch
        {
            // Cases are read by staff of the owning unit and above, by their reporters and by their assignee;
            // the member sending from D1 reported none of these.
            Aim.Case or Aim.Response or Aim.Evidence when role == Role.Member => Outcome.NotFound,
            // A responder answers the cases assigned to them, not every case they can read (DESIGN.md's transition table).
            Aim.Case or Aim.Response when role == Role.Responder && AssigneeOnlyForResponders.Contains(type) =>
                inSubtree ? Outcome.Forbidden : Outcome.NotFound,
            // A case above the caller that they cannot read is not there for them; acting on one in their subtree is fine.
            Aim.Case or Aim.Response or Aim.Evidence => inSubtree ? Outcome.Allowed : Outcome.NotFound,
            // Saved views are personal: only their owner sees them, wherever the owner sits.
            Aim.SavedView => Outcome.NotFound,
            // Tokens are revoked by their holder, or by an admin over the holder's unit.
            Aim.Token => role == Role.Admin && inSubtree ? Outcome.Allowed : Outcome.NotFound,
            _ => inSubtree ? Outcome.Allowed : Outcome.NotFound,
        };
    }

    private static (Aim Aim, PropertyInfo? Property) AimOf(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        if (IdMeans.TryGetValue(type, out var declared))
        {
            if (declared == Aim.Nothing) return (Aim.Nothing, null);
            var named = AimingProperties.Where(a => a.Aim == declared).Select(a => properties.FirstOrDefault(p => p.Name == a.Property)).FirstOrDefault(p => p is not null);
            return (declared, named ?? properties.Single(p => p.Name == "Id"));
        }
        foreach (var (name, aim) in AimingProperties)
            if (properties.FirstOrDefault(p => p.Name == name) is { } property) return (aim, property);
        if (properties.Any(p => p.Name == "Id"))
            throw new InvalidOperationException($"{type.Name} names something by Id: say in IdMeans what it is.");
        return (Aim.Nothing, null);
    }

    /// <summary>
    /// A request of <paramref name="type"/> aimed at the target; other fields keep harmless defaults, since
    /// authorisation runs before validation and must not depend on them.
    /// </summary>
    private static object Build(Type type, (Aim Aim, PropertyInfo? Property) aim, Targets target)
    {
        object? Value(string name, Type valueType) =>
            aim.Property?.Name == name ? Convert.ChangeType(target.IdFor(aim.Aim), Nullable.GetUnderlyingType(valueType) ?? valueType, System.Globalization.CultureInfo.InvariantCulture)
            : valueType == typeof(string) ? (name == "Sha256" ? new string('0', 64) : "x")
            : valueType == typeof(byte[]) ? Array.Empty<byte>()
            : valueType.IsValueType && Nullable.GetUnderlyingType(valueType) is null ? Activator.CreateInstance(valueType)
            : null;

        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var request = constructor.Invoke(constructor.GetParameters().Select(p => Value(p.Name!, p.ParameterType)).ToArray());
        if (aim.Property is { CanWrite: true } property && constructor.GetParameters().All(p => p.Name != property.Name))
            property.SetValue(request, Value(property.Name, property.PropertyType));
        return request;
    }

    /// <summary>One of each aimable thing, owned in one unit.</summary>
    public sealed record Targets(long Unit, long Case, long Response, string Evidence, long Queue, long RoutingRule,
        long Invite, long User, long Token, long SavedView)
    {
        public object IdFor(Aim aim) => aim switch
        {
            Aim.Case => Case, Aim.Response => Response, Aim.Evidence => Evidence, Aim.Queue => Queue,
            Aim.RoutingRule => RoutingRule, Aim.Invite => Invite, Aim.User => User, Aim.Unit => Unit,
            Aim.Token => Token, Aim.SavedView => SavedView,
            _ => throw new ArgumentOutOfRangeException(nameof(aim)),
        };
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private const string Admin = "admin@demo.local";
        private TestDesk _desk = null!;
        private readonly Dictionary<string, System.Security.Claims.ClaimsPrincipal> _principals = [];

        public Dictionary<Relation, Targets> Targets { get; } = [];

        public static string ActorOf(Role role) => $"actor.{role.ToString().ToLowerInvariant()}@matrix.test";

        public async Task InitializeAsync()
        {
            try
            {
                await ArrangeAsync();
            }
            catch (ValidationFailedException e)
            {
                throw new InvalidOperationException("The matrix's own setup was refused: " +
                    string.Join("; ", e.Errors.Select(x => $"{x.Key}: {string.Join(", ", x.Value)}")), e);
            }
        }

        private async Task ArrangeAsync()
        {
            _desk = await TestDesk.CreateAsync();
            foreach (var role in Enum.GetValues<Role>()) await _desk.AddUser(ActorOf(role), role, "D1");
            var n = 0;
            foreach (var (relation, code) in UnitCodes)
            {
                n++;
                var unit = await _desk.UnitId(code);
                var member = $"member.{code.ToLowerInvariant()}@matrix.test";
                var reviewer = $"reviewer.{code.ToLowerInvariant()}@matrix.test";
                await _desk.AddUser(member, Role.Member, code);
                await _desk.AddUser(reviewer, Role.Reviewer, code);
                var report = await _desk.SendAs(member, new SubmitReport
                {
                    Url = $"https://www.facebook.com/matrix/posts/{n}", Text = $"Tin đồn số {n} về {code}: uống nước lá ổi chữa tiểu đường",
                    Screenshots = [new Screenshot("anh.png", TestImages.Png(shade: (byte)(n * 40)))],
                });
                // A draft needs a case someone answers; the assignee is dropped again so nobody in D1 reads it that way.
                await _desk.ForceStatus(report.CaseId, CaseStatus.Assigned);
                var draft = await _desk.SendAs(Admin, new DraftResponse
                {
                    CaseId = report.CaseId, Kind = "clarification", Channel = "web", Language = "vi", Text = "Lá ổi không chữa khỏi tiểu đường.",
                });
                await _desk.Execute("UPDATE cases SET assignee_user_id = NULL, status = 'triaged' WHERE id = @id", new { id = report.CaseId });
                var inbox = await _desk.Scalar<long>("SELECT id FROM queues WHERE unit_id = @unit AND is_inbox = TRUE", new { unit });
                var rule = await _desk.SendAs(Admin, new SaveRoutingRule { UnitId = unit, Name = $"Quy tắc {code}", Enabled = true, Keywords = ["lá ổi"], TargetQueueId = inbox });
                var invite = await _desk.SendAs(Admin, new CreateInvite { UnitId = unit, Days = 7 });
                var token = await _desk.SendAs(member, new IssueApiToken { Name = "ma trận" });
                var view = await _desk.SendAs(reviewer, new SaveView { Name = $"Góc nhìn {code}", Filter = new CaseFilter() });
                Targets[relation] = new Targets(
                    unit, report.CaseId, draft.ResponseId,
                    await _desk.Scalar<string>("SELECT sha256 FROM report_evidence WHERE report_id = @id", new { id = report.ReportId }),
                    inbox, rule.Id, invite.Id, await _desk.UserId(member), token.Id, view.Id);
            }
        }

        /// <summary>What the pipeline's authorisation step answers, with the handler replaced by a marker.</summary>
        public async Task<Outcome> Decide(object request, string? email)
        {
            System.Security.Claims.ClaimsPrincipal? principal = null;
            if (email is not null && !_principals.TryGetValue(email, out principal))
                _principals[email] = principal = await _desk.PrincipalOf(email);
            await using var scope = _desk.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TestUser>().Principal = principal;
            var resultType = request.GetType().GetInterfaces()
                .First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)).GetGenericArguments()[0];
            var decide = typeof(Fixture).GetMethod(nameof(DecideAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(request.GetType(), resultType);
            return await (Task<Outcome>)decide.Invoke(null, [scope.ServiceProvider, request])!;
        }

        private static async Task<Outcome> DecideAsync<TRequest, TResult>(IServiceProvider services, TRequest request)
        {
            // The registered behaviour, not a new one: the matrix proves what the real pipeline runs.
            var authorization = services.GetServices<IPipelineBehavior<TRequest, TResult>>().OfType<AuthorizationBehavior<TRequest, TResult>>().Single();
            try
            {
                await authorization.Handle(request, CancellationToken.None, () => Task.FromResult(default(TResult)!));
                return Outcome.Allowed;
            }
            catch (ForbiddenException) { return Outcome.Forbidden; }
            catch (NotFoundException) { return Outcome.NotFound; }
            catch (NotSignedInException) { return Outcome.NotSignedIn; }
        }

        public async Task DisposeAsync() => await _desk.DisposeAsync();
    }
}
