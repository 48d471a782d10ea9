using Bunit;
using Triage.Client.Layout;
using Triage.Client.Pipeline;

namespace Triage.Tests.Components;

public sealed class PageProblemTests
{
    [Fact]
    public async Task Something_outside_the_readers_units_reads_as_not_found()
    {
        await using var ctx = ComponentContext.Create("en-US");

        var page = ctx.Render<PageProblem>(p => p.Add(c => c.Error, new NotFoundException("GetCase", outOfScope: true)));

        Assert.Equal("Not found", page.Find("h1").TextContent);
        Assert.Contains("outside your units", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_failure_says_so_in_vietnamese_without_its_details()
    {
        await using var ctx = ComponentContext.Create("vi-VN");

        var page = ctx.Render<PageProblem>(p => p.Add(c => c.Error, new InvalidOperationException("SQLite Error 5: database is locked at row 42")));

        Assert.Equal("Đã có lỗi xảy ra", page.Find("h1").TextContent);
        Assert.DoesNotContain("SQLite", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("42", page.Markup, StringComparison.Ordinal);
    }
}
