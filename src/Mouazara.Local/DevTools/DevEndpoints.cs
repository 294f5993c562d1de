using Microsoft.Extensions.Options;
using Mouazara.Http;
using Mouazara.Security;

namespace Mouazara.Local.DevTools;

/// <summary>Developer conveniences of the local host: the mail sink, the outbox and development tokens. Loopback only.</summary>
public static class DevEndpoints
{
    public static IEndpointRouteBuilder MapDevTools(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").RequireLoopback();

        // Through the same edge as the API: storage falling behind is a 503 with Retry-After, as SendGrid and callers expect.
        group.MapPost("/v3/mail/send", (HttpContext c, MailSink sink) => Api.Run(c, () => sink.SendAsync(c)));
        group.MapGet("/dev/outbox", (HttpContext c, MailSink sink) => Api.Run(c, () => sink.OutboxAsync(c)));
        group.MapGet("/dev/token", (HttpContext http, string? role, string? subject, IOptions<AuthOptions> auth, TimeProvider time) =>
        {
            var appRole = role switch
            {
                "staff" => Roles.Staff,
                "finance" => Roles.Finance,
                _ => null,
            };
            if (appRole is null)
            {
                return Results.Problem(statusCode: 422, title: "Use role=staff or role=finance.", type: "urn:mouazara:problem:validation");
            }

            var lifetime = TimeSpan.FromHours(8);
            var token = BearerAuthenticator.MintDevelopmentToken(auth.Value.DevSigningKey!, auth.Value.Audience, appRole,
                string.IsNullOrWhiteSpace(subject) ? role + "-officer" : subject, lifetime, time.GetUtcNow());
            // Plain text for shell scripts: TOKEN=$(curl -s -H 'Accept: text/plain' .../dev/token?role=finance)
            return http.Request.Headers.Accept.ToString().Contains("text/plain", StringComparison.OrdinalIgnoreCase)
                ? Results.Text(token)
                : Results.Json(new { token, role = appRole, expiresAt = time.GetUtcNow() + lifetime, header = "Authorization: Bearer " + token });
        });
        return app;
    }
}
