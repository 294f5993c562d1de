




using Mouazara.Editions;
using Mouazara.Kernel;

namespace Mouazara.Tests.Kernel;

/// <summary>
/// Deadlines at the end of the Casablanca day. In 2026 Morocco is on UTC+1, except during Ramadan, from
/// 15 February 03:00 (clocks back to 02:00) to 22 March 02:00 (clocks forward to 03:00), when it is on UTC+0.
/// </summary>
public sealed class CasablancaTimeTests
{
    static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void The_zone_data_shows_Moroccos_ramadan_clock_change_in_2026()
    {
        // The premise of the tests below, checked against the machine's own time zone data.
        Assert.Equal(TimeSpan.FromHours(1), CasablancaTime.Zone.GetUtcOffset(Utc(2026, 1, 10, 12)));
        Assert.Equal(TimeSpan.Zero, CasablancaTime.Zone.GetUtcOffset(Utc(2026, 3, 1, 12)));
        Assert.Equal(TimeSpan.FromHours(1), CasablancaTime.Zone.GetUtcOffset(Utc(2026, 4, 1, 12)));
    }

    [Fact]
    public void Outside_ramadan_a_day_ends_at_22_59_59_UTC()
    {
        Assert.Equal(Utc(2026, 1, 10, 22, 59, 59), CasablancaTime.EndOfDay(Utc(2026, 1, 10, 12)));
    }

    [Fact]
    public void During_ramadan_a_day_ends_at_23_59_59_UTC()
    {
        Assert.Equal(Utc(2026, 3, 1, 23, 59, 59), CasablancaTime.EndOfDay(Utc(2026, 3, 1, 12)));
    }

    [Fact]
    public void A_late_evening_UTC_instant_already_falls_on_the_next_Casablanca_day_outside_ramadan()
    {
        // 23:30 UTC on 10 January is 00:30 on 11 January in Casablanca.
        Assert.Equal(Utc(2026, 1, 11, 22, 59, 59), CasablancaTime.EndOfDay(Utc(2026, 1, 10, 23, 30)));
        Assert.Equal(Utc(2026, 1, 10, 22, 59, 59), CasablancaTime.EndOfDay(Utc(2026, 1, 10, 22, 59, 59)));
    }

    [Fact]
    public void On_the_day_clocks_go_back_for_ramadan_the_day_ends_at_local_midnight_on_UTC_plus_0()
    {
        // 23:30 UTC on 14 February is 00:30 on the 15th (still UTC+1); that day ends on UTC+0.
        Assert.Equal(Utc(2026, 2, 15, 23, 59, 59), CasablancaTime.EndOfDay(Utc(2026, 2, 14, 23, 30)));
        Assert.Equal(Utc(2026, 2, 15, 23, 59, 59), CasablancaTime.EndOfDay(Utc(2026, 2, 15, 1, 30)));
        Assert.Equal(Utc(2026, 2, 15, 23, 59, 59), CasablancaTime.EndOfDay(Utc(2026, 2, 15, 12)));
    }

    [Fact]
    public void On_the_day_clocks_go_forward_after_ramadan_the_day_ends_at_local_midnight_on_UTC_plus_1()
    {
        // 01:00 UTC on 22 March is 01:00 local (UTC+0); that day ends on UTC+1.
        Assert.Equal(Utc(2026, 3, 22, 22, 59, 59), CasablancaTime.EndOfDay(Utc(2026, 3, 22, 1)));
        Assert.Equal(Utc(2026, 3, 22, 22, 59, 59), CasablancaTime.EndOfDay(Utc(2026, 3, 22, 12)));
        // 23:30 UTC on 21 March is still 21 March in Casablanca (UTC+0).
        Assert.Equal(Utc(2026, 3, 21, 23, 59, 59), CasablancaTime.EndOfDay(Utc(2026, 3, 21, 23, 30)));
    }

    [Fact]
    public void The_end_of_a_day_is_in_that_same_day_and_is_its_own_end()
    {
        for (var instant = Utc(2026, 2, 10, 0); instant < Utc(2026, 3, 28, 0); instant = instant.AddMinutes(97))
        {
            var end = CasablancaTime.EndOfDay(instant);

            Assert.True(end >= instant, $"{instant:o} ends at {end:o}");
            Assert.Equal(CasablancaTime.ToLocal(instant).Date, CasablancaTime.ToLocal(end).Date);
            Assert.Equal(new TimeSpan(23, 59, 59), CasablancaTime.ToLocal(end).TimeOfDay);
            Assert.Equal(end, CasablancaTime.EndOfDay(end));
            Assert.Equal(TimeSpan.Zero, end.Offset);
        }
    }

    [Fact]
    public void An_instant_is_shown_in_Casablanca_time_in_each_language()
    {
        // 12:00 UTC on 1 March 2026 is 12:00 in Casablanca (Ramadan); on 1 April, 13:00.
        Assert.Contains("12:00", CasablancaTime.Format(Utc(2026, 3, 1, 12), Language.Fr), StringComparison.Ordinal);
        Assert.Contains("13:00", CasablancaTime.Format(Utc(2026, 4, 1, 12), Language.Fr), StringComparison.Ordinal);
        Assert.Contains("avril", CasablancaTime.Format(Utc(2026, 4, 1, 12), Language.Fr), StringComparison.Ordinal);
        Assert.Contains("2026", CasablancaTime.Format(Utc(2026, 4, 1, 12), Language.Ar), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stage_deadline_falling_in_ramadan_is_rounded_to_that_days_end_and_the_reminder_counts_back_from_it()
    {
        var timing = new StageTiming { Deadline = TimeSpan.FromDays(14), ReminderBefore = TimeSpan.FromDays(3) };

        var (reminder, deadline) = timing.From(Utc(2026, 2, 10, 10));

        Assert.Equal(Utc(2026, 2, 24, 23, 59, 59), deadline);
        Assert.Equal(Utc(2026, 2, 21, 23, 59, 59), reminder);
    }

    [Fact]
    public void A_stage_started_in_ramadan_with_a_deadline_after_it_ends_on_the_UTC_plus_1_day_end()
    {
        var timing = new StageTiming { Deadline = TimeSpan.FromDays(10), ReminderBefore = TimeSpan.FromDays(2) };

        var (reminder, deadline) = timing.From(Utc(2026, 3, 15, 12));

        Assert.Equal(Utc(2026, 3, 25, 22, 59, 59), deadline);
        Assert.Equal(Utc(2026, 3, 23, 22, 59, 59), reminder);
    }

    [Fact]
    public void A_stage_without_end_of_day_rounding_ends_exactly_its_duration_after_its_start()
    {
        var timing = new StageTiming { Deadline = TimeSpan.FromSeconds(30), ReminderBefore = TimeSpan.FromSeconds(10), EndOfDay = false };

        var (reminder, deadline) = timing.From(Utc(2026, 3, 15, 12, 0, 5));

        Assert.Equal(Utc(2026, 3, 15, 12, 0, 35), deadline);
        Assert.Equal(Utc(2026, 3, 15, 12, 0, 25), reminder);
    }

    [Fact]
    public void A_reminder_that_would_fall_before_the_start_is_sent_at_the_start()
    {
        var timing = new StageTiming { Deadline = TimeSpan.FromDays(1), ReminderBefore = TimeSpan.FromDays(5) };
        var start = Utc(2026, 1, 10, 12);

        var (reminder, deadline) = timing.From(start);

        Assert.Equal(Utc(2026, 1, 11, 22, 59, 59), deadline);
        Assert.Equal(start, reminder);
    }

    [Fact]
    public void Stage_timing_is_read_from_ISO_8601_durations_with_end_of_day_on_by_default()
    {
        var timing = System.Text.Json.JsonSerializer.Deserialize<StageTiming>("{\"deadline\":\"P14D\",\"reminderBefore\":\"PT36H\"}", Json.Options)!;

        Assert.Equal(TimeSpan.FromDays(14), timing.Deadline);
        Assert.Equal(TimeSpan.FromHours(36), timing.ReminderBefore);
        Assert.True(timing.EndOfDay);
    }

    [Theory]
    [InlineData("14 days")]
    [InlineData("-P1D")]
    [InlineData("")]
    public void A_duration_that_is_not_a_positive_ISO_8601_duration_is_a_JSON_error(string text)
    {
        var json = "{\"deadline\":\"" + text + "\",\"reminderBefore\":\"P1D\"}";

        Assert.Throws<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize<StageTiming>(json, Json.Options));
    }
}
