using Triage.Client.Queue;
using Triage.Server.Routing;

namespace Triage.Tests.Routing;

/// <summary>Each condition kind on its own, in memory: the evaluator applying and previewing share.</summary>
public sealed class RuleEvaluatorTests
{
    private static readonly CaseFacts Case = new(7, 12, "/1/4/12/", "facebook", "health", "false", 3, 2,
        "tin don tiem vac xin gay vo sinh cuoc dau tranh");

    private static LoadedRule Rule(
        string[]? platforms = null, string[]? categories = null, string[]? verdicts = null, int[]? severities = null, int? minSeverity = null,
        string[]? keywords = null, string? within = null, int? minReports = null, string unitPath = "/1/4/", string targetPath = "/1/4/", long id = 1) =>
        new(id, $"rule {id}", 4, unitPath, 1, platforms?.ToHashSet(), categories?.ToHashSet(), verdicts?.ToHashSet(), severities?.ToHashSet(), minSeverity,
            keywords?.Select(k => RuleEvaluator.FoldKeyword(k)!).ToList(), within, minReports, 99, "Q", 4, targetPath, 0, AssignmentStrategy.Manual);

    private static readonly Dictionary<string, (LoadedRule Rule, bool Matches)> Cases = new()
    {
        ["platform any-of"] = (Rule(platforms: ["tiktok", "facebook"]), true),
        ["platform none of"] = (Rule(platforms: ["tiktok"]), false),
        ["category"] = (Rule(categories: ["health"]), true),
        ["category other"] = (Rule(categories: ["economy"]), false),
        ["verdict"] = (Rule(verdicts: ["misleading", "false"]), true),
        ["verdict other"] = (Rule(verdicts: ["accurate"]), false),
        ["severity any-of"] = (Rule(severities: [3, 4]), true),
        ["severity not listed"] = (Rule(severities: [4]), false),
        ["min severity met"] = (Rule(minSeverity: 3), true),
        ["min severity not met"] = (Rule(minSeverity: 4), false),
        ["keyword without diacritics"] = (Rule(keywords: ["dau tranh"]), true),
        ["keyword with diacritics"] = (Rule(keywords: ["Vắc-xin"]), true),
        ["keyword as part of a word"] = (Rule(keywords: ["tran"]), false),
        ["keyword any-of"] = (Rule(keywords: ["bau cu", "vo sinh"]), true),
        ["unit subtree"] = (Rule(within: "/1/4/"), true),
        ["other unit subtree"] = (Rule(within: "/1/5/"), false),
        ["min reports met"] = (Rule(minReports: 2), true),
        ["min reports not met"] = (Rule(minReports: 3), false),
        ["all conditions hold"] = (Rule(platforms: ["facebook"], categories: ["health"], minSeverity: 2, keywords: ["vac xin"]), true),
        ["one condition fails"] = (Rule(platforms: ["facebook"], categories: ["economy"], keywords: ["vac xin"]), false),
    };

    public static TheoryData<string> Conditions => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Conditions))]
    public void Each_condition_kind_decides_on_its_own(string kind)
    {
        var (rule, matches) = Cases[kind];
        Assert.Equal(matches, RuleEvaluator.FirstMatch([rule], Case) is not null);
    }

    [Fact]
    public void An_unclassified_case_matches_no_rule_on_classification()
    {
        var unclassified = Case with { Category = null, Verdict = null, Severity = null };

        Assert.Null(RuleEvaluator.FirstMatch([Rule(categories: ["health"]), Rule(verdicts: ["false"]), Rule(minSeverity: 1)], unclassified));
    }

    [Fact]
    public void The_first_applying_rule_of_the_given_order_wins()
    {
        var rules = new[] { Rule(platforms: ["tiktok"], id: 1), Rule(categories: ["health"], id: 2), Rule(platforms: ["facebook"], id: 3) };

        Assert.Equal(2, RuleEvaluator.FirstMatch(rules, Case)?.Id);
    }

    [Fact]
    public void A_rule_of_another_subtree_or_sending_off_the_cases_line_does_not_apply()
    {
        Assert.Null(RuleEvaluator.FirstMatch([Rule(platforms: ["facebook"], unitPath: "/1/5/", targetPath: "/1/5/")], Case));
        Assert.Null(RuleEvaluator.FirstMatch([Rule(platforms: ["facebook"], unitPath: "/1/", targetPath: "/1/5/")], Case));
        Assert.NotNull(RuleEvaluator.FirstMatch([Rule(platforms: ["facebook"], unitPath: "/1/", targetPath: "/1/")], Case));
        Assert.NotNull(RuleEvaluator.FirstMatch([Rule(platforms: ["facebook"], unitPath: "/1/4/", targetPath: "/1/4/12/")], Case));
    }

    [Fact]
    public void A_keyword_that_folds_to_nothing_has_no_stored_form() => Assert.Null(RuleEvaluator.FoldKeyword(" ?! "));
}
