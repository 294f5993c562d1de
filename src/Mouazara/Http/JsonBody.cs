using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Mouazara.Kernel;

namespace Mouazara.Http;

/// <summary>Reads a small JSON request body, answering 415, 413 or 400 instead of throwing.</summary>
public static class JsonBody
{
    const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext http)
        where T : class
    {
        var contentType = http.Request.ContentType;
        if (contentType is null || !contentType.Split(';', 2)[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.UnsupportedMediaType("application/json"));
        }

        if (http.Request.ContentLength > MaxBytes)
        {
            return (null, Problems.TooLarge("This body is limited to 64 KB."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, Problems.TooLarge("This body is limited to 64 KB."));
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Json.Options);
            return value is null ? (null, Problems.Malformed("The body is empty.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Malformed("The body is not valid JSON for this call" + (e.Path is null ? "." : $" (at {e.Path})."),
                e.Path?.TrimStart('$', '.')));
        }
    }
}
