using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Triage.Client.Reports;

namespace Triage.Tests.Components;

/// <summary>The report form opened by the share sheet (the manifest's share target) with title, text and url in its address.</summary>
public sealed class ShareTargetFormTests : RealDeskComponentTests
{
    private static IRenderedComponent<ReportForm> SharedForm(BunitContext ctx, string query)
    {
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/reports/new?" + query);
        var cut = ctx.Render<ReportForm>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#platform option[value=facebook]")));
        return cut;
    }

    private static string Link(IRenderedComponent<ReportForm> cut) => cut.Find("#url").GetAttribute("value") ?? "";

    private static string Words(IRenderedComponent<ReportForm> cut) => cut.Find("#text").TextContent;

    private static string? Platform(IRenderedComponent<ReportForm> cut) =>
        cut.FindAll("#platform option").SingleOrDefault(o => o.HasAttribute("selected"))?.GetAttribute("value");

    [Fact]
    public async Task A_shared_url_goes_into_the_link_field_and_the_title_into_the_text()
    {
        await using var ctx = await ContextFor("member@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = SharedForm(ctx, "title=" + Uri.EscapeDataString("Điện lực cắt điện toàn tỉnh 3 ngày") + "&url=" +
            Uri.EscapeDataString("https://www.tiktok.com/@tin.nong/video/7412345678901234567?_r=1&_t=8pQ"));

        Assert.Equal("https://www.tiktok.com/@tin.nong/video/7412345678901234567?_r=1&_t=8pQ", Link(cut));
        Assert.Equal("Điện lực cắt điện toàn tỉnh 3 ngày", Words(cut));
        Assert.Equal("tiktok", Platform(cut));
        Assert.Equal("true", cut.Find("[data-report-form]").GetAttribute("data-shared"));
        Assert.Equal(0, await Desk.Scalar<long>("SELECT count(*) FROM reports"));
    }

    [Fact]
    public async Task A_link_inside_the_shared_text_is_taken_out_into_the_link_field()
    {
        // What Facebook's Android share sheet sends: no url, the link at the end of text.
        await using var ctx = await ContextFor("member@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = SharedForm(ctx, "text=" + Uri.EscapeDataString("Xem cái này https://www.facebook.com/share/p/1AbCdEfGh/?mibextid=WC7FNe nghe nói thật không?"));

        Assert.Equal("https://www.facebook.com/share/p/1AbCdEfGh/?mibextid=WC7FNe", Link(cut));
        Assert.Equal("Xem cái này nghe nói thật không?", Words(cut));
        Assert.Equal("facebook", Platform(cut));
    }

    [Fact]
    public async Task Title_and_text_both_fill_the_text_and_a_link_in_the_title_is_found()
    {
        await using var ctx = await ContextFor("member@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = SharedForm(ctx, "title=" + Uri.EscapeDataString("https://zalo.me/g/abcxyz123.") + "&text=" +
            Uri.EscapeDataString("Nhóm Zalo bán thuốc chữa ung thư\ncam kết khỏi 100%"));

        Assert.Equal("https://zalo.me/g/abcxyz123", Link(cut));
        Assert.Equal("Nhóm Zalo bán thuốc chữa ung thư\ncam kết khỏi 100%", Words(cut).Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("zalo", Platform(cut));

        var both = SharedForm(ctx, "title=" + Uri.EscapeDataString("Tin nóng") + "&text=" + Uri.EscapeDataString("Xăng tăng 5 nghìn từ mai"));
        Assert.Equal("", Link(both));
        Assert.Equal("Tin nóng\nXăng tăng 5 nghìn từ mai", Words(both).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shared_words_without_a_link_leave_the_link_and_the_platform_empty()
    {
        await using var ctx = await ContextFor("member@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = SharedForm(ctx, "text=" + Uri.EscapeDataString("Tin nhắn: tài khoản của bạn bị khoá, gọi ngay 0912345678"));

        Assert.Equal("", Link(cut));
        Assert.Equal("Tin nhắn: tài khoản của bạn bị khoá, gọi ngay 0912345678", Words(cut));
        Assert.Null(Platform(cut));
    }

    [Fact]
    public async Task A_script_address_is_never_put_in_the_link_field()
    {
        await using var ctx = await ContextFor("member@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = SharedForm(ctx, "url=" + Uri.EscapeDataString("javascript:alert(document.cookie)") + "&text=" +
            Uri.EscapeDataString("xem https://youtu.be/dQw4w9WgXcQ"));

        Assert.Equal("https://youtu.be/dQw4w9WgXcQ", Link(cut));
        Assert.Equal("xem", Words(cut));
        Assert.Equal("youtube", Platform(cut));

        var only = SharedForm(ctx, "url=" + Uri.EscapeDataString("javascript:alert(1)"));
        Assert.Equal("", Link(only));
        Assert.DoesNotContain("javascript:", only.Markup, StringComparison.Ordinal);
        Assert.Equal("false", only.Find("[data-report-form]").GetAttribute("data-shared"));
    }

    [Fact]
    public async Task The_form_opened_without_a_share_starts_empty()
    {
        await using var ctx = await ContextFor("member@demo.local");
        ComponentContext.UseCulture("en-US");
        var cut = SharedForm(ctx, "");

        Assert.Equal("", Link(cut));
        Assert.Equal("", Words(cut));
        Assert.Equal("false", cut.Find("[data-report-form]").GetAttribute("data-shared"));
    }
}
