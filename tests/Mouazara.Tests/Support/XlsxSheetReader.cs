using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Mouazara.Tests.Support;

/// <summary>Reads the first sheet of an XLSX file as a spreadsheet program would: each cell's text, whether it is a number, its format.</summary>
internal static class XlsxSheetReader
{
    public sealed record Cell(string Text, bool Numeric, string? Format);

    public sealed record Sheet(string Name, List<Cell[]> Rows);

    public static Sheet Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var styles = workbook.WorkbookStylesPart?.Stylesheet;
        var formats = styles?.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var cellFormats = styles?.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        var rows = new List<Cell[]>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = new Dictionary<int, Cell>();
            foreach (var cell in row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>())
            {
                var column = new string(cell.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()).Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1)) - 1;
                var type = cell.DataType?.Value;
                var text = type == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                    : type == CellValues.InlineString ? cell.InlineString!.InnerText
                    : cell.CellValue?.Text ?? "";
                var numeric = (type is null || type == CellValues.Number) && cell.CellValue is not null;
                string? format = null;
                if (cell.StyleIndex?.Value is { } style && style < cellFormats.Count && cellFormats[(int)style].NumberFormatId?.Value is { } id)
                {
                    format = formats.TryGetValue(id, out var code) ? code : id == 2 ? "0.00" : null;
                }

                cells[column] = new Cell(text, numeric, format);
            }

            var width = cells.Count == 0 ? 0 : cells.Keys.Max() + 1;
            rows.Add([.. Enumerable.Range(0, width).Select(i => cells.GetValueOrDefault(i) ?? new Cell("", false, null))]);
        }

        return new Sheet(sheet.Name!.Value!, rows);
    }
}
