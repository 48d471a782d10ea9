using System.Globalization;
using Triage.Client.Layout;

namespace Triage.Tests.Components;

public sealed class ReaderTimeTests
{
    private static readonly DeskTime Desk = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"));
    private static readonly DateTimeOffset Moment = new(2026, 11, 27, 8, 5, 0, TimeSpan.Zero);

    [Fact]
    public void A_reader_without_a_zone_reads_the_desks_in_their_own_culture()
    {
        var time = new ReaderTime(Desk);

        Assert.Equal("27/11/2026 15:05", In("vi-VN", () => time.Format(Moment)));
        Assert.Equal("11/27/2026 3:05\u202FPM", In("en-US", () => time.Format(Moment)));
    }

    [Fact]
    public void A_reader_with_a_zone_reads_times_in_it()
    {
        var time = new ReaderTime(Desk);

        time.Use("Europe/Berlin");

        Assert.Equal("27/11/2026 09:05", In("vi-VN", () => time.Format(Moment)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Zone/Removed_Since")]
    public void A_missing_or_unknown_zone_falls_back_to_the_desks(string? zone)
    {
        var time = new ReaderTime(Desk);
        time.Use("Europe/Berlin");

        time.Use(zone);

        Assert.Equal(Desk.Zone, time.Zone);
    }

    private static string In(string culture, Func<string> format)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return format();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
