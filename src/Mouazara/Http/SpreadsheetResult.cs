using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Mouazara.Http;

/// <summary>A CSV or XLSX attachment written to the response body row by row (<see cref="Spreadsheets"/>).</summary>
public sealed class SpreadsheetResult(string format, string fileName, string sheetName, IReadOnlyList<SheetColumn> columns,
    Func<CancellationToken, IAsyncEnumerable<object?[]>> rows) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var aborted = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = format == "xlsx" ? Spreadsheets.XlsxContentType : Spreadsheets.CsvContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        response.Headers.CacheControl = "no-store";
        var body = new AsyncOnlyStream(response.Body);
        await using (body)
        {
            if (format == "xlsx")
            {
                await Spreadsheets.WriteXlsxAsync(body, sheetName, columns, rows(aborted), aborted);
            }
            else
            {
                await Spreadsheets.WriteCsvAsync(body, columns, rows(aborted), aborted);
            }
        }
    }
}
