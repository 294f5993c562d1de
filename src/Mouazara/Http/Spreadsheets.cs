using System.Data;
using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Mouazara.Http;

/// <summary>
/// The CSV and XLSX files staff and finance download (the finance desk, the edition's exports), written once. Rows come
/// as an asynchronous sequence and are written to the destination as they come, so a file of any size never sits whole
/// in memory. CSV: UTF-8 with a byte order mark (so spreadsheet software shows Arabic), RFC 4180 via CsvHelper, amounts as
/// 12345.67, a text starting like a formula (=, +, -, @) escaped. XLSX: one sheet via MiniExcel, amounts as numbers shown
/// with two decimals.
/// </summary>
public static class Spreadsheets
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A download of <paramref name="rows"/> as <paramref name="format"/> (csv or xlsx), written as it is read.</summary>
    public static IResult Attachment(string format, string fileName, string sheetName, IReadOnlyList<SheetColumn> columns,
        Func<CancellationToken, IAsyncEnumerable<object?[]>> rows) =>
        new SpreadsheetResult(format, fileName, sheetName, columns, rows);

    public static async Task WriteCsvAsync(Stream destination, IReadOnlyList<SheetColumn> columns, IAsyncEnumerable<object?[]> rows,
        CancellationToken cancellationToken = default)
    {
        var options = CsvWriterOptions.Default with
        {
            WriteByteOrderMark = true,
            Injection = CsvInjection.Escape,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        var output = destination as AsyncOnlyStream ?? new AsyncOnlyStream(destination);
        await using (var csv = CsvWriter.Create(output, options, leaveOpen: true))
        {
            csv.WriteHeader(columns.Select(c => c.Name).ToArray());
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    csv.WriteField(Text(columns[i].Kind, row[i]));
                }

                await csv.EndRecordAsync(cancellationToken);
                await output.DrainAsync(cancellationToken);
            }

            await csv.FlushAsync(cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }

    public static async Task WriteXlsxAsync(Stream destination, string sheetName, IReadOnlyList<SheetColumn> columns, IAsyncEnumerable<object?[]> rows,
        CancellationToken cancellationToken = default)
    {
        var output = destination as AsyncOnlyStream ?? new AsyncOnlyStream(destination);
        var configuration = new OpenXmlConfiguration
        {
            DynamicColumns = [.. columns.Where(c => c.Kind == CellKind.Amount).Select(c => new DynamicExcelColumn(c.Name) { Format = "0.00" })],
        };
        await using var enumerator = rows.GetAsyncEnumerator(cancellationToken);
        if (await enumerator.MoveNextAsync())
        {
            await output.SaveAsAsync(Cells(columns, enumerator), sheetName: sheetName, configuration: configuration, cancellationToken: cancellationToken);
        }
        else
        {
            // Nothing to list: a table's columns are known, so the empty file still has its header row.
            using var table = new DataTable(sheetName) { Locale = CultureInfo.InvariantCulture };
            foreach (var column in columns)
            {
                table.Columns.Add(column.Name, column.Kind switch { CellKind.Integer => typeof(long), CellKind.Amount or CellKind.Number => typeof(decimal), _ => typeof(string) });
            }

            await output.SaveAsAsync(table, sheetName: sheetName, configuration: configuration, cancellationToken: cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }

    static async IAsyncEnumerable<IDictionary<string, object?>> Cells(IReadOnlyList<SheetColumn> columns, IAsyncEnumerator<object?[]> started)
    {
        do
        {
            var row = started.Current;
            var cells = new Dictionary<string, object?>(columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                cells[columns[i].Name] = Cell(columns[i].Kind, row[i]);
            }

            yield return cells;
        }
        while (await started.MoveNextAsync());
    }

    /// <summary>The CSV text of a value: the same text a spreadsheet shows for the XLSX cell.</summary>
    public static string? Text(CellKind kind, object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        _ when kind == CellKind.Amount => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    static object? Cell(CellKind kind, object? value) => kind switch
    {
        _ when value is null => null,
        CellKind.Integer => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        CellKind.Amount or CellKind.Number => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        _ => Text(kind, value),
    };
}

/// <summary>How a column's values are written: text, whole numbers, amounts in MAD (two decimals) or other numbers.</summary>
public enum CellKind
{
    Text,
    Integer,
    Amount,
    Number,
}

/// <summary>A column of a download: its header (named as the JSON field) and the kind of its values.</summary>
public sealed record SheetColumn(string Name, CellKind Kind = CellKind.Text);
