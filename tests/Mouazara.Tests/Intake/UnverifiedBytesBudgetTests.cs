using Mouazara.Intake;

namespace Mouazara.Tests.Intake;

/// <summary>The process-wide budget of unverified bytes: never over its capacity, whatever the concurrency, and always given back.</summary>
public sealed class UnverifiedBytesBudgetTests
{
    [Fact]
    public void A_reservation_past_what_is_left_is_refused_at_once_and_room_comes_back_when_a_lease_ends()
    {
        var budget = new UnverifiedBytesBudget(1000);

        var first = budget.TryReserve(600);
        Assert.NotNull(first);
        Assert.Null(budget.TryReserve(500));
        using (var second = budget.TryReserve(400))
        {
            Assert.NotNull(second);
            Assert.Equal(1000, budget.InUse);
            Assert.Null(budget.TryReserve(1));
        }

        Assert.Equal(600, budget.InUse);
        first!.Dispose();
        first.Dispose();
        Assert.Equal(0, budget.InUse);
        Assert.Null(budget.TryReserve(1001));
    }

    [Fact]
    public void A_lease_grows_while_room_is_left_and_keeps_what_it_held_when_refused()
    {
        var budget = new UnverifiedBytesBudget(1000);
        using var other = budget.TryReserve(300)!;
        using var lease = budget.TryReserve(0)!;

        Assert.True(lease.TryGrowTo(500));
        Assert.True(lease.TryGrowTo(200));
        Assert.Equal(500, lease.Held);
        Assert.False(lease.TryGrowTo(800));
        Assert.Equal(500, lease.Held);
        Assert.Equal(800, budget.InUse);
    }

    [Fact]
    public async Task Concurrent_senders_never_hold_more_than_the_capacity_together()
    {
        var budget = new UnverifiedBytesBudget(10_000);
        long peak = 0;
        var granted = 0;
        await Parallel.ForAsync(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            using var lease = budget.TryReserve(1 + (i % 7) * 500);
            if (lease is not null)
            {
                Interlocked.Increment(ref granted);
                var now = budget.InUse;
                long seen;
                while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
                {
                }

                await Task.Yield();
            }
        });

        Assert.True(peak <= budget.Capacity, $"peak {peak}");
        Assert.True(granted > 0);
        Assert.Equal(0, budget.InUse);
    }
}
