using Microsoft.Extensions.Options;

namespace Mouazara.Intake;

/// <summary>
/// Acknowledges first, processes in turn: when deliveries arrive faster than <see cref="IntakeOptions.StartsPerSecond"/>,
/// the processing of each one past the first <see cref="IntakeOptions.StartBurst"/> is scheduled with the durable
/// engine for a later second instead of competing at once with the deliveries still arriving. The delivery is already
/// stored and its instance created when the sender gets its 202, so nothing waits in memory: a restart loses no turn.
/// </summary>
/// <remarks>
/// A generic cell rate algorithm: a theoretical arrival time advancing by one interval per start, and a start due
/// before its theoretical time minus the burst's tolerance. Per process: on Azure each instance paces its own
/// deliveries, and an idle instance never delays one.
/// </remarks>
public sealed class IntakePacer(IOptions<IntakeOptions> options, TimeProvider time)
{
    readonly Lock gate = new();
    DateTimeOffset theoretical = DateTimeOffset.MinValue;

    /// <summary>When the processing of the delivery just accepted should start: null for at once.</summary>
    public DateTimeOffset? NextStart()
    {
        var rate = options.Value.StartsPerSecond;
        if (rate <= 0)
        {
            return null;
        }

        var interval = TimeSpan.FromSeconds(1 / rate);
        var tolerance = interval * Math.Max(0, options.Value.StartBurst - 1);
        var now = time.GetUtcNow();
        DateTimeOffset due;
        lock (gate)
        {
            var turn = theoretical > now ? theoretical : now;
            theoretical = turn + interval;
            due = turn - tolerance;
        }

        return due > now ? due : null;
    }
}
