using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Mouazara.Security;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Security;

/// <summary>
/// Staff tokens checked the way Entra ID issues them: RS256 only, signing keys read from the authority's OpenID
/// metadata, served here over real HTTP by a small identity provider whose keys roll over during the test.
/// </summary>
public sealed class BearerKeyRolloverTests
{
    const string Audience = "api://mouazara";

    /// <summary>An authority on loopback: OpenID metadata and a JWKS that the test can change.</summary>
    sealed class IdentityProvider : IDisposable
    {
        readonly HttpListener listener = new();
        readonly CancellationTokenSource stop = new();
        int metadataReads;

        public IdentityProvider()
        {
            var port = LocalStack.FreePort();
            Authority = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(Authority);
            listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Authority { get; }

        public List<JsonObject> Keys { get; } = [];

        public int MetadataReads => Volatile.Read(ref metadataReads);

        async Task ServeAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    return;
                }

                string body;
                if (context.Request.Url!.AbsolutePath == "/.well-known/openid-configuration")
                {
                    Interlocked.Increment(ref metadataReads);
                    body = new JsonObject { ["issuer"] = Authority, ["jwks_uri"] = Authority + "keys" }.ToJsonString();
                }
                else
                {
                    lock (Keys)
                    {
                        body = new JsonObject { ["keys"] = new JsonArray([.. Keys.Select(k => k.DeepClone())]) }.ToJsonString();
                    }
                }

                var bytes = Encoding.UTF8.GetBytes(body);
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        public void Publish(JsonObject key)
        {
            lock (Keys)
            {
                Keys.Add(key);
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Close();
        }
    }

    static (RsaSecurityKey Key, JsonObject Jwk) RsaKey(string kid)
    {
        var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(false);
        return (new RsaSecurityKey(rsa) { KeyId = kid }, new JsonObject
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = kid, ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        });
    }

    static string Token(string issuer, SigningCredentials? credentials)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Subject = new ClaimsIdentity([new Claim("oid", "staff-1"), new Claim("roles", Roles.Staff)]),
            SigningCredentials = credentials,
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    static Task<(Caller? Caller, AuthFailure Failure)> CallAsync(BearerAuthenticator auth, string token)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = "Bearer " + token;
        return auth.AuthenticateAsync(http.Request, Roles.Staff);
    }

    static BearerAuthenticator Authenticator(IdentityProvider idp) => new(Options.Create(new AuthOptions { Authority = idp.Authority, Audience = Audience }));

    [Fact]
    public async Task A_token_signed_by_a_key_published_after_start_is_accepted_after_one_metadata_refresh()
    {
        using var idp = new IdentityProvider();
        var (first, firstJwk) = RsaKey("key-1");
        idp.Publish(firstJwk);
        var auth = Authenticator(idp);

        var (caller, failure) = await CallAsync(auth, Token(idp.Authority, new SigningCredentials(first, SecurityAlgorithms.RsaSha256)));
        Assert.Equal(AuthFailure.None, failure);
        Assert.Equal("staff-1", caller!.Subject);
        Assert.Equal(1, idp.MetadataReads);

        // Entra ID rolls over: the new key appears in its JWKS only now, after this host cached the first set.
        var (second, secondJwk) = RsaKey("key-2");
        idp.Publish(secondJwk);
        (_, failure) = await CallAsync(auth, Token(idp.Authority, new SigningCredentials(second, SecurityAlgorithms.RsaSha256)));
        Assert.Equal(AuthFailure.None, failure);
        Assert.Equal(2, idp.MetadataReads);

        // Forged key ids do not make every request fetch the metadata again: the refresh interval limits it.
        var (forged, _) = RsaKey("key-forged");
        for (var i = 0; i < 5; i++)
        {
            (_, failure) = await CallAsync(auth, Token(idp.Authority, new SigningCredentials(forged, SecurityAlgorithms.RsaSha256)));
            Assert.Equal(AuthFailure.Unauthenticated, failure);
        }

        Assert.Equal(2, idp.MetadataReads);
    }

    [Fact]
    public async Task An_HS256_token_is_refused_even_when_its_key_is_in_the_published_set()
    {
        using var idp = new IdentityProvider();
        var (rsa, rsaJwk) = RsaKey("key-1");
        idp.Publish(rsaJwk);
        // A symmetric key in the set (Entra never publishes one): without the algorithm pin it would verify the token below.
        var secret = RandomNumberGenerator.GetBytes(32);
        idp.Publish(new JsonObject { ["kty"] = "oct", ["kid"] = "key-hmac", ["k"] = Base64UrlEncoder.Encode(secret) });
        var auth = Authenticator(idp);

        Assert.Equal(AuthFailure.None, (await CallAsync(auth, Token(idp.Authority, new SigningCredentials(rsa, SecurityAlgorithms.RsaSha256)))).Failure);
        var hmac = new SymmetricSecurityKey(secret) { KeyId = "key-hmac" };
        Assert.Equal(AuthFailure.Unauthenticated, (await CallAsync(auth, Token(idp.Authority, new SigningCredentials(hmac, SecurityAlgorithms.HmacSha256)))).Failure);
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        using var idp = new IdentityProvider();
        idp.Publish(RsaKey("key-1").Jwk);
        var auth = Authenticator(idp);

        // alg "none", as an attacker writes it by hand: header and claims, an empty signature.
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var claims = Base64UrlEncoder.Encode($$"""{"iss":"{{idp.Authority}}","aud":"{{Audience}}","exp":{{exp}},"oid":"staff-1","roles":"{{Roles.Staff}}"}""");
        Assert.Equal(AuthFailure.Unauthenticated, (await CallAsync(auth, header + "." + claims + ".")).Failure);
        Assert.Equal(AuthFailure.Unauthenticated, (await CallAsync(auth, Token(idp.Authority, null))).Failure);
    }
}
