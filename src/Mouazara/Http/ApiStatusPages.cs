using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Mouazara.Http;

/// <summary>
/// Answers an unknown route or method under /api with problem+json like every other error, instead of the
/// framework's empty 404 and 405.
/// </summary>
public static class ApiStatusPages
{
    public static IApplicationBuilder UseApiProblemStatusPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (!http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || http.Response.HasStarted)
            {
                return;
            }

            var result = http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => Problems.Create(404, "not-found", "No such route.", $"{http.Request.Method} {http.Request.Path} is not part of the API."),
                StatusCodes.Status405MethodNotAllowed => Problems.Create(405, "method-not-allowed", "This route does not take that method.",
                    $"{http.Request.Method} is not accepted on {http.Request.Path}."),
                _ => null,
            };
            if (result is not null)
            {
                await result.ExecuteAsync(http);
            }
        });
}
