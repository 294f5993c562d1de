using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Mouazara.Http;

/// <summary>
/// Every error the API answers, as RFC 9457 problem details with a stable <c>type</c> a client can branch on.
/// </summary>
public static class Problems
{
    const string TypeBase = "urn:mouazara:problem:";

    public static IResult Create(int status, string type, string title, string? detail = null,
        IDictionary<string, string[]>? errors = null, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Type = TypeBase + type,
            Title = title,
            Detail = detail,
        };
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors;
        }

        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        return TypedResults.Problem(problem);
    }

    public static IResult Malformed(string detail, string? field = null) =>
        Create(400, "malformed-request", "The request could not be read.", detail,
            field is null ? null : new Dictionary<string, string[]> { [field] = [detail] });

    public static IResult Unauthenticated(string type = "unauthenticated", string title = "Authentication is required.", string? detail = null) =>
        Create(401, type, title, detail);

    public static IResult Forbidden(string role) =>
        Create(403, "forbidden", "Your role does not allow this.", $"This call needs the app role {role}.");

    public static IResult NotFound(string what) => Create(404, "not-found", $"No such {what}.");

    public static IResult Conflict(string type, string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        Create(409, type, title, detail, extensions: extensions);

    public static IResult TooLarge(string detail) => Create(413, "payload-too-large", "The request or a file is too large.", detail);

    public static IResult UnsupportedMediaType(string expected) =>
        Create(415, "unsupported-media-type", "Wrong media type.", $"Send {expected}.");

    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Create(422, "validation", "Some values are not valid.", "See errors for each field.", errors);

    public static IResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Unavailable(string detail) => new RetryLaterResult("storage-unavailable", "The service cannot reach its storage right now.", detail, 10);

    /// <summary>503 with Retry-After: the host is receiving as much unverified data as it accepts at once.</summary>
    public static IResult Busy(string detail) => new RetryLaterResult("busy", "The service is receiving too much at once.", detail, 5);

    sealed class RetryLaterResult(string type, string title, string detail, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Create(503, type, title, detail).ExecuteAsync(httpContext);
        }
    }
}
