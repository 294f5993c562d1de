using Microsoft.AspNetCore.Http;

namespace Mouazara.Security;

public static class BearerAuthenticatorExtensions
{
    /// <summary>The caller when they hold <paramref name="role"/>; otherwise the 401 or 403 to answer.</summary>
    public static async Task<(Caller? Caller, Microsoft.AspNetCore.Http.IResult? Refusal)> RequireAsync(this BearerAuthenticator auth, HttpContext http, string role)
    {
        var (caller, failure) = await auth.AuthenticateAsync(http.Request, role);
        return failure switch
        {
            AuthFailure.None => (caller, null),
            AuthFailure.Forbidden => (null, Http.Problems.Forbidden(role)),
            _ => (null, WithChallenge(http, Http.Problems.Unauthenticated(detail: $"Send Authorization: Bearer <token> with the app role {role}."))),
        };
    }

    /// <summary>The caller when they hold any of <paramref name="roles"/>; otherwise the 401 or 403 to answer.</summary>
    public static async Task<(Caller? Caller, Microsoft.AspNetCore.Http.IResult? Refusal)> RequireAnyAsync(this BearerAuthenticator auth, HttpContext http,
        params string[] roles)
    {
        var (caller, failure) = await auth.AuthenticateAsync(http.Request, roles[0]);
        var wanted = string.Join(" or ", roles);
        return failure switch
        {
            AuthFailure.None => (caller, null),
            AuthFailure.Forbidden when roles.Any(caller!.Roles.Contains) => (caller, null),
            AuthFailure.Forbidden => (null, Http.Problems.Forbidden(wanted)),
            _ => (null, WithChallenge(http, Http.Problems.Unauthenticated(detail: $"Send Authorization: Bearer <token> with the app role {wanted}."))),
        };
    }

    static Microsoft.AspNetCore.Http.IResult WithChallenge(HttpContext http, Microsoft.AspNetCore.Http.IResult result)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return result;
    }
}
