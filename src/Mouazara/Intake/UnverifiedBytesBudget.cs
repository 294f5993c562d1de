using Microsoft.Extensions.Options;

namespace Mouazara.Intake;

/// <summary>
/// The bytes this process is receiving from senders whose signature is not verified yet, bounded for the whole
/// process (<see cref="IntakeOptions.MaxUnverifiedBytes"/>): anyone with a fresh timestamp can make us spool a body,
/// so past the budget a delivery is refused at once (503, retry later) rather than queued.
/// </summary>
public sealed class UnverifiedBytesBudget
{
    long used;

    public UnverifiedBytesBudget(IOptions<IntakeOptions> options)
        : this(options.Value.MaxUnverifiedBytes)
    {
    }

    public UnverifiedBytesBudget(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    public long Capacity { get; }

    public long InUse => Interlocked.Read(ref used);

    /// <summary>A lease holding <paramref name="bytes"/> of the budget, or null when they are not available now.</summary>
    public Lease? TryReserve(long bytes)
    {
        var lease = new Lease(this);
        if (lease.TryGrowTo(bytes))
        {
            return lease;
        }

        lease.Dispose();
        return null;
    }

    bool TryTake(long bytes)
    {
        while (true)
        {
            var current = Interlocked.Read(ref used);
            if (bytes > Capacity - current)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref used, current + bytes, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>What one request holds; given back when disposed, whatever happened to the request.</summary>
    public sealed class Lease(UnverifiedBytesBudget budget) : IDisposable
    {
        long held;

        public long Held => held;

        /// <summary>Holds at least <paramref name="total"/> bytes; false, holding what it held, when the budget has not enough left.</summary>
        public bool TryGrowTo(long total)
        {
            if (total <= held)
            {
                return true;
            }

            if (!budget.TryTake(total - held))
            {
                return false;
            }

            held = total;
            return true;
        }

        public void Dispose() => Interlocked.Add(ref budget.used, -Interlocked.Exchange(ref held, 0));
    }
}
