using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using Mouazara.Http;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Http;

/// <summary>
/// The shared CSV/XLSX writer streams: with 5,000 synthetic rows, bytes reach a response-like destination (which refuses
/// synchronous writes, as Kestrel does) long before the last row is produced, and the files read back whole. A proof by
/// counting, not by timing; the memory under load is for the bench.
/// </summary>
public sealed class SpreadsheetStreamingTests
{
    const int Rows = 5000;

    static readonly SheetColumn[] Columns = [new("id"), new("name"), new("amount", CellKind.Amount), new("count", CellKind.Integer), new("note")];

    /// <summary>Like a response body: asynchronous writes only, counted.</summary>
    sealed class ResponseLike : Stream
    {
        public MemoryStream Received { get; } = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Received.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>Synthetic rows (Arabic names, incompressible notes), noting how many bytes had reached the destination at each quarter.</summary>
    static async IAsyncEnumerable<object?[]> Produce(ResponseLike destination, List<long> seenAtQuarters, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var random = new Random(7);
        for (var i = 1; i <= Rows; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            if (i % (Rows / 4) == 0)
            {
                seenAtQuarters.Add(destination.Received.Length);
            }

            yield return [$"MZ-{i:D6}", "جمعية رقم " + i.ToString(CultureInfo.InvariantCulture), random.Next(100, 4900000) / 100m, i,
                string.Concat(Enumerable.Range(0, 4).Select(_ => Guid.NewGuid().ToString("N")))];
        }
    }

    [Fact]
    public async Task A_csv_of_5000_rows_reaches_the_destination_while_rows_are_still_being_read()
    {
        var destination = new ResponseLike();
        var seen = new List<long>();
        await Spreadsheets.WriteCsvAsync(destination, Columns, Produce(destination, seen));

        Assert.Equal(4, seen.Count);
        Assert.True(seen[0] > 0 && seen[1] > seen[0] && seen[2] > seen[1], "Bytes seen at each quarter: " + string.Join(", ", seen));
        var bytes = destination.Received.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        using var csv = CsvReader.Create(bytes, CsvReaderOptions.Default with { Separator = ',' });
        var count = 0;
        while (csv.Read())
        {
            count++;
            Assert.Equal("جمعية رقم " + count.ToString(CultureInfo.InvariantCulture), csv.GetString(1));
        }

        Assert.Equal(Rows, count);
    }

    [Fact]
    public async Task An_xlsx_of_5000_rows_reaches_the_destination_while_rows_are_still_being_read()
    {
        var destination = new ResponseLike();
        var seen = new List<long>();
        await Spreadsheets.WriteXlsxAsync(destination, "Rows", Columns, Produce(destination, seen));

        Assert.Equal(4, seen.Count);
        Assert.True(seen[1] > 0 && seen[2] > seen[1], "Bytes seen at each quarter: " + string.Join(", ", seen));
        var sheet = XlsxSheetReader.Read(destination.Received.ToArray());
        Assert.Equal(Rows + 1, sheet.Rows.Count);
        Assert.Equal(Columns.Select(c => c.Name), sheet.Rows[0].Select(c => c.Text));
        Assert.Equal("جمعية رقم 5000", sheet.Rows[Rows][1].Text);
        Assert.True(sheet.Rows[Rows][2].Numeric);
        Assert.Equal("0.00", sheet.Rows[Rows][2].Format);
    }

    static async IAsyncEnumerable<object?[]> Nothing()
    {
        await Task.Yield();
        yield break;
    }

    [Fact]
    public async Task An_empty_export_still_has_its_header_row()
    {
        var destination = new ResponseLike();
        await Spreadsheets.WriteXlsxAsync(destination, "Rows", Columns, Nothing());
        var sheet = XlsxSheetReader.Read(destination.Received.ToArray());
        Assert.Equal(Columns.Select(c => c.Name), Assert.Single(sheet.Rows).Select(c => c.Text));

        var csv = new ResponseLike();
        await Spreadsheets.WriteCsvAsync(csv, Columns, Nothing());
        Assert.Equal("\uFEFFid,name,amount,count,note", System.Text.Encoding.UTF8.GetString(csv.Received.ToArray()).TrimEnd('\r', '\n'));
    }
}
