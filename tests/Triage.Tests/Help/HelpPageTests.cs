using Bunit;
using Triage.Client.Account;
using Triage.Client.Help;
using Triage.Client.Pipeline;
using Triage.Client.Units;
using Triage.Tests.Components;

namespace Triage.Tests.Help;

public sealed class HelpPageTests
{
    private static MyAccount Account(params Role[] roles) => new(1, "x@demo.local", "Người dùng", roles, new UnitRef(1, "P", "Tỉnh"));

    private static List<string> Sections(IRenderedComponent<HelpPage> page) =>
        page.FindAll("[data-testid^=help-]").Select(s => s.GetAttribute("data-testid")!).ToList();

    [Fact]
    public async Task A_member_sees_only_how_to_report_and_follow_reports()
    {
        await using var ctx = ComponentContext.Create("en-US");

        var page = ctx.Render<HelpPage>(p => p.AddCascadingValue(Account(Role.Member)));

        Assert.Equal(["help-member"], Sections(page));
        Assert.Contains("TikTok", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Add to Home screen", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("audit log", page.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_reviewer_and_responder_sees_both_sections_and_nothing_of_coordinators()
    {
        await using var ctx = ComponentContext.Create("en-US");

        var page = ctx.Render<HelpPage>(p => p.AddCascadingValue(Account(Role.Reviewer, Role.Responder)));

        Assert.Equal(["help-reviewer", "help-responder"], Sections(page));
    }

    [Fact]
    public async Task An_admin_sees_the_administration_section_in_vietnamese()
    {
        await using var ctx = ComponentContext.Create("vi-VN");

        var page = ctx.Render<HelpPage>(p => p.AddCascadingValue(Account(Role.Admin)));

        Assert.Contains("help-admin", Sections(page));
        var admin = page.Find("[data-testid=help-admin]");
        Assert.Equal("Quản trị hệ thống (quản trị viên)", admin.QuerySelector("h2")!.TextContent);
        Assert.Contains("Nhật ký thao tác", admin.TextContent, StringComparison.Ordinal);
        Assert.Contains("sao lưu", admin.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_help_text_is_in_both_languages()
    {
        var keys = HelpSections.All.SelectMany(s => s.Paragraphs.Prepend(s.Title)).ToList();
        foreach (var culture in new[] { "en-US", "vi-VN" })
        {
            await using var ctx = ComponentContext.Create(culture);
            var l = ctx.Services.GetService<Microsoft.Extensions.Localization.IStringLocalizer<Triage.Client.Resources.Strings>>()!;
            ComponentContext.UseCulture(culture);
            Assert.All(keys, key => Assert.False(l[key].ResourceNotFound, $"{culture}: {key}"));
        }
    }
}
