using Microsoft.DurableTask;
using Mouazara.Editions;
using Mouazara.Kernel;

namespace Mouazara.Selection;

/// <summary>When the edition's call closes: the end of its closing day in Casablanca, read again in case staff moved it.</summary>
[DurableTask(nameof(ReadClosing))]
public sealed class ReadClosing(EditionStore editions) : TaskActivity<string, DateTimeOffset>
{
    public override async Task<DateTimeOffset> RunAsync(TaskActivityContext context, string edition) =>
        ClosingOf(await editions.GetAsync(edition));

    public static DateTimeOffset ClosingOf(Edition edition) =>
        CasablancaTime.EndOfDay(new DateTimeOffset(edition.ClosesOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
}
