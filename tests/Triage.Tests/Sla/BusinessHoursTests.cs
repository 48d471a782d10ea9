using Triage.Server.Sla;

namespace Triage.Tests.Sla;

public sealed class BusinessHoursTests
{
    private static readonly TimeZoneInfo Hanoi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    private static readonly BusinessHours Week = BusinessHours.Parse("Mon-Fri 07:30-17:00");

    private static DateTimeOffset Local(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(7));

    [Fact]
    public void Work_left_at_friday_closing_carries_over_the_weekend_to_monday_morning()
    {
        // Friday 27 November 16:00 in Hà Nội: one hour today, one on Monday from 07:30.
        var due = Week.Add(Local(27, 16), 120, Hanoi);

        Assert.Equal(Local(30, 8, 30), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void A_case_arriving_on_saturday_night_starts_counting_at_monday_opening()
    {
        Assert.Equal(Local(30, 7, 45), Week.Add(Local(28, 23), 15, Hanoi));
    }

    [Fact]
    public void A_case_arriving_before_opening_counts_from_opening_and_a_window_ending_at_closing_ends_that_day()
    {
        Assert.Equal(Local(26, 17), Week.Add(Local(26, 6), 570, Hanoi));
        Assert.Equal(Local(27, 7, 31), Week.Add(Local(26, 6), 571, Hanoi));
    }

    [Fact]
    public void The_same_instant_is_a_different_working_day_in_another_zone()
    {
        // Friday 23:30 UTC is already Saturday 06:30 in Hà Nội (no work until Monday) but still Friday evening in New York.
        var instant = new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero);
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var hours = BusinessHours.Parse("Mon-Sat 07:30-17:00");

        Assert.Equal(Local(30, 8, 30), Week.Add(instant, 60, Hanoi));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 8, 30, 0, TimeSpan.FromHours(-5)), hours.Add(instant, 60, newYork));
    }

    [Fact]
    public void A_window_across_a_daylight_saving_change_counts_working_hours_not_clock_hours()
    {
        // Berlin moves from +01:00 to +02:00 on Sunday 29 March 2026: Friday 16:00 + 2 h of work is Monday 08:30 at +02:00.
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var due = Week.Add(new DateTimeOffset(2026, 3, 27, 16, 0, 0, TimeSpan.FromHours(1)), 120, berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 8, 30, 0, TimeSpan.FromHours(2)), due);
    }

    [Theory]
    [InlineData("Mon-Fri 07:30-17:00", "Monday,Tuesday,Wednesday,Thursday,Friday")]
    [InlineData("Fri-Mon 08:00-12:00", "Sunday,Monday,Friday,Saturday")]
    [InlineData("mon, wed,sat 08:00-12:00", "Monday,Wednesday,Saturday")]
    public void Days_are_read_as_ranges_and_lists(string text, string days)
    {
        Assert.Equal(days, string.Join(',', BusinessHours.Parse(text).Days.Order()));
    }

    [Theory]
    [InlineData("Mon-Fri 17:00-07:30")]
    [InlineData("Mon-Fri 08:00-08:00")]
    [InlineData("Mon-Fry 08:00-17:00")]
    [InlineData("weekdays")]
    public void Business_hours_that_make_no_working_day_are_refused_with_the_key_named(string text)
    {
        var e = Assert.Throws<FormatException>(() => BusinessHours.Parse(text));
        Assert.Contains("Triage:Sla:BusinessHours", e.Message);
    }
}
