using Bunit;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Pipeline;
using Triage.Client.Retention;
using Triage.Tests.Components;

namespace Triage.Tests.Retention;

public sealed class DeleteAccountPanelTests
{
    private static BunitContext Context(FakeMediator mediator, string culture) =>
        ComponentContext.Create(culture, s => s.AddSingleton<IMediator>(mediator));

    private static async Task Confirm(IRenderedComponent<DeleteAccountPanel> cut, string password)
    {
        cut.Find("input[type=password]").Change(password);
        cut.Find("input[type=checkbox]").Change(true);
        await cut.Find("form").SubmitAsync();
    }

    [Fact]
    public async Task The_panel_says_in_vietnamese_what_deletion_does_and_will_not_delete_before_the_member_confirms()
    {
        var mediator = new FakeMediator().On<DeleteMyAccount, Unit>(_ => Unit.Value);
        await using var ctx = Context(mediator, "vi-VN");
        ComponentContext.UseCulture("vi-VN");

        var cut = ctx.Render<DeleteAccountPanel>();

        Assert.Contains("Xóa tài khoản của tôi", cut.Markup);
        Assert.Contains("không còn tên bạn", cut.Markup);
        Assert.Contains("Không thể hoàn tác", cut.Markup);
        Assert.True(cut.Find("[data-testid=delete-submit]").HasAttribute("disabled"));
        cut.Find("input[type=password]").Change(Support.TestDesk.DemoPassword);
        await cut.Find("form").SubmitAsync();
        Assert.Empty(mediator.Sent);
    }

    [Fact]
    public async Task Confirming_with_the_password_deletes_the_account_and_goes_to_the_sign_in_page()
    {
        var mediator = new FakeMediator().On<DeleteMyAccount, Unit>(_ => Unit.Value);
        await using var ctx = Context(mediator, "en-US");
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<DeleteAccountPanel>();

        await Confirm(cut, "my password");

        Assert.Equal("my password", Assert.Single(mediator.SentOf<DeleteMyAccount>()).Password);
        Assert.EndsWith("/account/login?deleted=true", ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_field_message_and_stays_on_the_page()
    {
        var mediator = new FakeMediator().On<DeleteMyAccount, Unit>(_ => throw new ValidationFailedException(
            new Dictionary<string, string[]> { ["password"] = ["The current password is not correct."] }));
        await using var ctx = Context(mediator, "en-US");
        ComponentContext.UseCulture("en-US");
        var cut = ctx.Render<DeleteAccountPanel>();

        await Confirm(cut, "wrong");

        cut.WaitForAssertion(() => Assert.Contains("The current password is not correct.", cut.Markup));
        Assert.DoesNotContain("/account/login", ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task The_last_admin_reads_why_their_account_cannot_be_deleted()
    {
        var mediator = new FakeMediator().On<DeleteMyAccount, Unit>(_ => throw new ConflictException(RetentionCodes.LastAdmin, "last admin"));
        await using var ctx = Context(mediator, "vi-VN");
        ComponentContext.UseCulture("vi-VN");
        var cut = ctx.Render<DeleteAccountPanel>();

        await Confirm(cut, "my password");

        cut.WaitForAssertion(() => Assert.Contains("quản trị viên duy nhất", cut.Find("[data-testid=delete-problem]").TextContent));
    }
}
