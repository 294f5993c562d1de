using Microsoft.AspNetCore.Http;

namespace Mouazara.Http;

/// <summary>The body of a staff action that needs only a reason (suspend, resume, withdraw).</summary>
public sealed record ReasonRequest(string? Reason)
{
    /// <summary>Reads the body and its required reason (trimmed, at most 1000 characters), or the problem to answer.</summary>
    public static async Task<(string? Reason, IResult? Problem)> ReadAsync(HttpContext http)
    {
        var (request, problem) = await JsonBody.ReadAsync<ReasonRequest>(http);
        if (problem is not null)
        {
            return (null, problem);
        }

        return string.IsNullOrWhiteSpace(request!.Reason) || request.Reason.Length > 1000
            ? (null, Problems.Invalid("reason", "Required: why, in at most 1000 characters."))
            : (request.Reason.Trim(), null);
    }
}
