using Bunit;
using Triage.Client.Account;
using Triage.Client.Layout;
using Triage.Client.Pipeline;
using Triage.Client.Units;

namespace Triage.Tests.Components;

public sealed class NavMenuTests
{
    private static MyAccount Account(params Role[] roles) =>
        new(1, "x@demo.local", "Người dùng", roles, new UnitRef(1, "P", "Tỉnh"));

    [Fact]
    public async Task An_admin_sees_units_and_users()
    {
        await using var ctx = ComponentContext.Create("en-US");

        var menu = ctx.Render<NavMenu>(p => p.Add(m => m.Me, Account(Role.Admin)));

        Assert.Contains("/admin/units", menu.Markup);
        Assert.Contains("/admin/users", menu.Markup);
        Assert.Contains("Administration", menu.Markup);
    }

    [Fact]
    public async Task A_member_sees_no_administration()
    {
        await using var ctx = ComponentContext.Create("en-US");

        var menu = ctx.Render<NavMenu>(p => p.Add(m => m.Me, Account(Role.Member)));

        Assert.DoesNotContain("/admin/", menu.Markup);
        Assert.Contains("/account/profile", menu.Markup);
    }

    [Fact]
    public async Task The_menu_speaks_vietnamese_in_vi_VN()
    {
        await using var ctx = ComponentContext.Create("vi-VN");

        var menu = ctx.Render<NavMenu>(p => p.Add(m => m.Me, Account(Role.Admin)));

        Assert.Contains("Quản trị", menu.Markup);
        Assert.Contains("Đăng xuất", menu.Markup);
        Assert.DoesNotContain("Sign out", menu.Markup);
    }

    [Fact]
    public async Task Sign_out_is_a_form_post_carrying_the_antiforgery_token()
    {
        await using var ctx = ComponentContext.Create();

        var menu = ctx.Render<NavMenu>(p => p.Add(m => m.Me, Account(Role.Member)));

        var form = menu.Find("form[action='/account/logout']");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("test-token", form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value"));
    }
}
