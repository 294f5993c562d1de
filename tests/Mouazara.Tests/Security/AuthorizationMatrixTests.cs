using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mouazara.Applications;
using Mouazara.Security;
using Mouazara.Testing;
using Mouazara.Tests.Support;

namespace Mouazara.Tests.Security;

/// <summary>
/// Every route of <see cref="ApiRoutes.All"/> and each of its methods, called on the running stack by every kind of
/// caller, answers what the route's declared access (<see cref="ApiRouteDocs"/>, the same declaration the OpenAPI
/// document's security comes from) says: refused with 401 or 403 as the access requires, let through otherwise, and
/// never 500. A new route is in the matrix as soon as it is in the table.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    /// <summary>Who calls. Each is made of real credentials of the stack, or of what an attacker can make.</summary>
    public enum Caller
    {
        /// <summary>No credential at all (a link route gets a token that was never signed).</summary>
        Anonymous,

        /// <summary>A bearer signed by another key, a link whose signature was altered, a delivery signed with another secret.</summary>
        WrongSignature,

        /// <summary>An expired bearer, a link past its expiry (signed with the real key), a delivery with a stale timestamp.</summary>
        Expired,

        /// <summary>A genuine link of another application (signed with the real key); a bearer route gets it as its token; a delivery gets another body's signature.</summary>
        OtherApplication,

        /// <summary>A valid staff token.</summary>
        Staff,

        /// <summary>A valid finance token.</summary>
        Finance,

        /// <summary>A staff token signed with the real key for another audience.</summary>
        OtherAudience,

        /// <summary>The credential a link or webhook route is meant for: the genuine link, a correctly signed delivery.</summary>
        Holder,

        // RecusedReviewer: a recused committee member's genuine review link, refused on ReviewPage/CastVote. Add it here with
        // committee recusal, build it in Request, and give it its row in Expected.
    }

    enum Outcome
    {
        /// <summary>Let through: whatever the handler answers next (200, 404 of an unknown id, 415 of a missing body…), not 401, not the role's 403, not 500.</summary>
        Allowed,

        /// <summary>401 with a problem saying why (and WWW-Authenticate: Bearer for bearer routes).</summary>
        Unauthenticated,

        /// <summary>403 forbidden: the token is valid, its role is not enough.</summary>
        Forbidden,

        /// <summary>A link that does not open anything: 401 invalid-link, or 404 when the link names an application the stack does not have.</summary>
        LinkRefused,
    }

    /// <summary>The matrix: what each kind of access answers to each caller. One place to read and to change.</summary>
    static Outcome Expected(RouteAccess access, Caller caller) => access.Kind switch
    {
        AccessKind.Public => Outcome.Allowed,
        AccessKind.Staff or AccessKind.Finance or AccessKind.StaffOrFinance => caller switch
        {
            Caller.Staff => access.Roles.Contains(Roles.Staff) ? Outcome.Allowed : Outcome.Forbidden,
            Caller.Finance => access.Roles.Contains(Roles.Finance) ? Outcome.Allowed : Outcome.Forbidden,
            _ => Outcome.Unauthenticated,
        },
        AccessKind.SignedLink => caller == Caller.Holder ? Outcome.Allowed : Outcome.LinkRefused,
        AccessKind.ProviderWebhook => caller == Caller.Holder ? Outcome.Allowed : Outcome.Unauthenticated,
        _ => throw new InvalidOperationException($"No row of the matrix for {access}."),
    };

    public static TheoryData<string, string, Caller> Cases()
    {
        var data = new TheoryData<string, string, Caller>();
        foreach (var route in ApiRoutes.All)
        {
            var access = ApiRouteDocs.ByRoute.TryGetValue(route.Name, out var doc) ? doc.Access : null;
            foreach (var method in route.Methods)
            {
                foreach (var caller in Enum.GetValues<Caller>())
                {
                    // Only a link or a webhook has a genuine credential other than a role's token.
                    if (caller == Caller.Holder && access?.Kind is not (AccessKind.SignedLink or AccessKind.ProviderWebhook))
                    {
                        continue;
                    }

                    // A revision link opens only while its consensus round's row holds the link's hash: a genuine one exists
                    // only inside a divergent evaluation, which ConsensusWorkflowTests drive; here every other caller is refused.
                    if (caller == Caller.Holder && access?.LinkPurpose == LinkPurposes.Revision)
                    {
                        continue;
                    }

                    data.Add(route.Name, method, caller);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_route_answers_each_caller_as_its_declared_access_says(string routeName, string method, Caller caller)
    {
        var route = ApiRoutes.All.Single(r => r.Name == routeName);
        Assert.True(ApiRouteDocs.ByRoute.TryGetValue(route.Name, out var doc),
            $"{route.Name} declares no access: add its entry to ApiRouteDocs.ByRoute (src/Mouazara/ApiRouteDocs.cs).");
        var expected = Expected(doc.Access, caller);
        var targets = await Targets.SharedAsync();

        using var request = Request(targets, route, doc.Access, method, caller);
        using var response = await targets.Stack.Client.Http.SendAsync(request);
        var status = (int)response.StatusCode;
        var text = method == "HEAD" ? "" : await response.Content.ReadAsStringAsync();
        var type = response.Content.Headers.ContentType?.MediaType == "application/problem+json" && text.Length > 0
            ? JsonNode.Parse(text)?["type"]?.GetValue<string>()?.Replace("urn:mouazara:problem:", "", StringComparison.Ordinal)
            : null;
        var what = $"{method} {route.Template} ({doc.Access}) as {caller}: expected {expected}, got {status} {type} {text[..Math.Min(text.Length, 300)]}";

        Assert.True(status < 500, what);
        switch (expected)
        {
            case Outcome.Allowed:
                Assert.True(status != 401 && !(status == 403 && (type is "forbidden" || method == "HEAD")), what);
                if (doc.Access.Kind == AccessKind.Public)
                {
                    Assert.True(status == 200, what);
                }

                break;
            case Outcome.Unauthenticated:
                Assert.True(status == 401, what);
                Assert.True(doc.Access.Kind == AccessKind.ProviderWebhook ? type is "invalid-signature" or "stale-timestamp" : type == "unauthenticated", what);
                if (doc.Access.Kind != AccessKind.ProviderWebhook)
                {
                    Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
                }

                break;
            case Outcome.Forbidden:
                Assert.True(status == 403 && type == "forbidden", what);
                break;
            case Outcome.LinkRefused:
                Assert.True(status == 401 && (method == "HEAD" || type == "invalid-link") || status == 404 && (method == "HEAD" || type == "not-found"), what);
                break;
        }
    }

    [Fact]
    public void Every_route_declares_its_access_and_every_declaration_is_a_route()
    {
        var names = ApiRoutes.All.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var undeclared = names.Where(n => !ApiRouteDocs.ByRoute.ContainsKey(n)).ToList();
        Assert.True(undeclared.Count == 0, "Add an entry to ApiRouteDocs.ByRoute (src/Mouazara/ApiRouteDocs.cs) for: " + string.Join(", ", undeclared));
        var stale = ApiRouteDocs.ByRoute.Keys.Where(n => !names.Contains(n)).ToList();
        Assert.True(stale.Count == 0, "ApiRouteDocs.ByRoute describes routes that are not in ApiRoutes.All: " + string.Join(", ", stale));
    }

    static HttpRequestMessage Request(Targets t, ApiRoute route, RouteAccess access, string method, Caller caller)
    {
        var link = access.Kind == AccessKind.SignedLink ? t.Links[access.LinkPurpose!] : null;
        var token = link is null ? null : caller switch
        {
            Caller.Holder => link.Token,
            Caller.WrongSignature => Tamper(link.Token),
            Caller.Expired => t.Reissue(link.Token, c => c with { ExpiresAt = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds() }),
            // A reviewer's page belongs to an edition, not an application: theirs is another edition's.
            Caller.OtherApplication => t.Reissue(link.Token, c => c.ApplicationId.Length == 0
                ? c with { Edition = t.UnknownEdition }
                : c with { ApplicationId = t.UnknownApplication }),
            _ => "never-signed",
        };

        var path = "api/" + string.Join('/', route.Template.Split('/').Select(segment => segment switch
        {
            "{token}" => token!,
            "{documentType}" => link?.DocumentType ?? "bank-certificate",
            "{provider}" => "generic",
            "{n}" => "1",
            "{id}" when route.Template.StartsWith("editions/", StringComparison.Ordinal) => t.UnknownEdition,
            "{id}" when route.Template.StartsWith("intake/deliveries/", StringComparison.Ordinal) => "generic-unknown",
            "{id}" => t.UnknownApplication,
            _ => segment,
        }));

        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var bearer = caller switch
        {
            Caller.WrongSignature when link is null => t.Mint(Roles.Staff, key: Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
            Caller.Expired when link is null => t.Mint(Roles.Staff, issuedAt: DateTimeOffset.UtcNow.AddHours(-2)),
            Caller.OtherApplication when link is null => t.Links[LinkPurposes.Status].Token,
            Caller.Staff => t.Mint(Roles.Staff),
            Caller.Finance => t.Mint(Roles.Finance),
            Caller.OtherAudience => t.Mint(Roles.Staff, audience: "api://someone-else"),
            _ => null,
        };
        if (bearer is not null && (access.Kind != AccessKind.ProviderWebhook || caller is Caller.Staff or Caller.Finance or Caller.OtherAudience))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (access.Kind == AccessKind.ProviderWebhook)
        {
            // A submission that fails validation: a delivery that passes authentication is answered without creating anything.
            var body = Encoding.UTF8.GetBytes("""{"submissionId":"matrix","edition":"none"}""");
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var (timestamp, secret, signed) = caller switch
            {
                Caller.Holder => (now, Targets.WebhookSecret, body),
                Caller.WrongSignature => (now, "not-the-secret", body),
                Caller.Expired => (now - 3600, Targets.WebhookSecret, body),
                Caller.OtherApplication => (now, Targets.WebhookSecret, Encoding.UTF8.GetBytes("""{"submissionId":"another"}""")),
                _ => (0L, null, body),
            };
            if (secret is not null)
            {
                var ts = timestamp.ToString(CultureInfo.InvariantCulture);
                request.Headers.Add("X-Mouazara-Timestamp", ts);
                request.Headers.Add("X-Mouazara-Signature", MouazaraClient.Sign(secret, ts, signed));
            }
        }

        return request;
    }

    /// <summary>One character of the signature changed, as someone forging a link would.</summary>
    static string Tamper(string token)
    {
        var at = token.LastIndexOf('.') + 1 + ((token.Length - token.LastIndexOf('.') - 1) / 2);
        return token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];
    }

    sealed record Link(string Token, string? DocumentType);

    /// <summary>What the matrix calls: real links of each purpose from one edition's applications, and ids nobody has.</summary>
    sealed class Targets
    {
        public const string WebhookSecret = "local-generic-webhook-secret";
        static readonly Lazy<Task<Targets>> Shared = new(CreateAsync);

        public required LocalStack Stack { get; init; }

        public required IReadOnlyDictionary<string, Link> Links { get; init; }

        public required string UnknownApplication { get; init; }

        public required string UnknownEdition { get; init; }

        public static Task<Targets> SharedAsync() => Shared.Value;

        LinkTokens Tokens => Stack.Host.Services.GetRequiredService<LinkTokens>();

        string DevKey => Stack.Host.Services.GetRequiredService<IOptions<AuthOptions>>().Value.DevSigningKey!;

        public string Mint(string role, string? key = null, string audience = "api://mouazara", DateTimeOffset? issuedAt = null) =>
            BearerAuthenticator.MintDevelopmentToken(key ?? DevKey, audience, role, "matrix-" + role, TimeSpan.FromMinutes(30), issuedAt ?? DateTimeOffset.UtcNow);

        /// <summary>A genuine link's claims changed and signed again with the stack's real key.</summary>
        public string Reissue(string token, Func<LinkClaims, LinkClaims> change)
        {
            var claims = JsonSerializer.Deserialize<LinkClaims>(Base64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.', StringComparison.Ordinal))))!;
            return Tokens.Issue(change(claims));
        }

        static async Task<Targets> CreateAsync()
        {
            var stack = await LocalStack.SharedAsync();
            var client = stack.Client;
            var edition = LocalStack.NewId("matrix");
            await client.PutEditionAsync(Steps.PatientEdition(edition));

            // One application waits for a document (upload and status links), another is with the committee (review links, files).
            var waiting = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments.Skip(1)));
            var complete = await client.SubmitAcceptedAsync(TestSubmissions.Build(edition, LocalStack.NewId("sub"), TestSubmissions.AllAssociationDocuments));
            // Minutes, not seconds: the first applications of a stack shared with other test classes on a loaded two-core machine.
            var patience = TimeSpan.FromMinutes(3);
            var upload = MouazaraClient.Links((await client.WaitForMailsAsync(waiting, "documents-request", 1, patience)).First(), "uploads").First();
            var status = Assert.Single(MouazaraClient.Links((await client.WaitForMailsAsync(waiting, "status-received", 1, patience)).First(), "status"));
            var review = MouazaraClient.Links((await client.WaitForMailsAsync(complete, "review-task", 3, patience)).First(), "reviews").Single();
            using var linkAnswer = await client.SendAsync(HttpMethod.Get, $"api/applications/{complete}/documents/statutes", await client.StaffTokenAsync());
            var download = JsonNode.Parse(await linkAnswer.Content.ReadAsStringAsync())!["url"]!.GetValue<string>();

            Link Of(string url)
            {
                var segments = new Uri(url).AbsolutePath.Split('/');
                return new Link(segments[3], segments.Length > 4 ? segments[4] : null);
            }

            // The consensus round's and the reviewer's page links, signed by the stack as SignedLinks issues them, for the
            // committee member of the review link (no revision round is open: its holder is let through to a 404).
            var tokens = stack.Host.Services.GetRequiredService<LinkTokens>();
            var reviewToken = Of(review).Token;
            var reviewClaims = JsonSerializer.Deserialize<LinkClaims>(Base64Url.DecodeFromChars(reviewToken.AsSpan(0, reviewToken.IndexOf('.', StringComparison.Ordinal))))!;
            var revision = tokens.Issue(reviewClaims with { Purpose = LinkPurposes.Revision });
            var reviewer = tokens.Issue(reviewClaims with { Purpose = LinkPurposes.Reviewer, ApplicationId = "" });

            return new Targets
            {
                Stack = stack,
                Links = new Dictionary<string, Link>
                {
                    [LinkPurposes.Upload] = Of(upload),
                    [LinkPurposes.Status] = Of(status),
                    [LinkPurposes.Review] = Of(review),
                    [LinkPurposes.Download] = Of(download),
                    [LinkPurposes.Revision] = new(revision, null),
                    [LinkPurposes.Reviewer] = new(reviewer, null),
                },
                UnknownApplication = ApplicationIds.For("generic", LocalStack.NewId("nobody")),
                UnknownEdition = LocalStack.NewId("no-edition"),
            };
        }
    }
}
