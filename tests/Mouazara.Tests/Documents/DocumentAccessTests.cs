using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Mouazara.Applications;
using Mouazara.Documents;
using Mouazara.Security;
using Mouazara.Telemetry;

namespace Mouazara.Tests.Documents;

/// <summary>Who may read which document, and the links they read through: short-lived, naming their reader.</summary>
public sealed class DocumentAccessTests
{
    static readonly byte[] Key = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();
    static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    sealed class FakeTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    static IOptions<LinkOptions> Options(TimeSpan? lifetime = null) => Microsoft.Extensions.Options.Options.Create(new LinkOptions
    {
        SigningKey = Convert.ToBase64String(Key),
        PublicBaseUrl = new Uri("https://mouazara.example/"),
        DownloadLifetime = lifetime ?? new LinkOptions().DownloadLifetime,
    });

    static ApplicationEntity App(string id, bool awarded) => new() { PartitionKey = "e1", RowKey = id, AwardJson = awarded ? "{}" : null };

    [Theory]
    [InlineData("staff:s1", "project-description", false, true)]
    [InlineData("staff:s1", "statutes", true, true)]
    [InlineData("finance:f1", "bank-certificate", true, true)]
    [InlineData("finance:f1", "agreement", true, true)]
    [InlineData("finance:f1", "signed-agreement", true, true)]
    [InlineData("finance:f1", "bank-certificate", false, false)]
    [InlineData("finance:f1", "project-description", true, false)]
    [InlineData("finance:f1", "project-plan", true, false)]
    [InlineData("applicant", "statutes", true, false)] // without the application of their link
    [InlineData("someone", "statutes", true, false)]
    public void Staff_read_everything_and_finance_only_what_they_pay_against(string reader, string documentType, bool awarded, bool allowed) =>
        Assert.Equal(allowed, DocumentAccess.MayRead(reader, App("MZ-A", awarded), documentType));

    [Fact]
    public void A_reviewer_reads_the_documents_of_the_application_under_review_only()
    {
        Assert.True(DocumentAccess.MayRead("reviewer:m-fr", App("MZ-A", false), "statutes", linkedApplicationId: "MZ-A"));
        Assert.False(DocumentAccess.MayRead("reviewer:m-fr", App("MZ-B", false), "statutes", linkedApplicationId: "MZ-A"));
        Assert.False(DocumentAccess.MayRead("reviewer:m-fr", App("MZ-A", false), "statutes"));
    }

    [Fact]
    public void An_applicant_reads_the_documents_of_their_own_application_only()
    {
        Assert.True(DocumentAccess.MayRead(DocumentAccess.Applicant, App("MZ-A", true), "agreement", linkedApplicationId: "MZ-A"));
        Assert.False(DocumentAccess.MayRead(DocumentAccess.Applicant, App("MZ-B", true), "agreement", linkedApplicationId: "MZ-A"));
        Assert.False(DocumentAccess.MayRead(DocumentAccess.Applicant, App("MZ-A", true), "bank-certificate", linkedApplicationId: "MZ-A"));
    }

    [Fact]
    public void A_download_link_works_for_its_lifetime_and_not_a_second_more()
    {
        var time = new FakeTime(Now);
        var options = Options(TimeSpan.FromMinutes(3));
        var tokens = new LinkTokens(options, time);
        var access = new DocumentAccess(new SignedLinks(tokens, options), time);

        var link = access.Link("MZ-A", "e1", "statutes", "staff:s1");

        Assert.Equal(Now.AddMinutes(3), link.ExpiresAt);
        Assert.StartsWith("https://mouazara.example/api/files/", link.Url.ToString(), StringComparison.Ordinal);
        var token = link.Url.AbsolutePath.Split('/')[^1];
        time.Now = Now.AddMinutes(3);
        var claims = tokens.Verify(token, LinkPurposes.Download);
        Assert.NotNull(claims);
        Assert.Equal(("MZ-A", "e1", "statutes", "staff:s1"), (claims.ApplicationId, claims.Edition, claims.DocumentType, claims.Reader));
        Assert.Null(tokens.Verify(token, LinkPurposes.Review));
        time.Now = Now.AddMinutes(3).AddSeconds(1);
        Assert.Null(tokens.Verify(token, LinkPurposes.Download));
    }

    [Fact]
    public void Links_without_a_reader_keep_their_exact_bytes_so_emailed_links_still_verify()
    {
        // A review link as it was signed before readers existed, computed here independently of the class.
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"p":"review","a":"MZ-A","e":"e1","x":1800000000,"d":null,"m":"m-fr","s":null}"""));
        var old = payload + "." + Base64Url.EncodeToString(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes("mouazara-link-v1." + payload)));
        var tokens = new LinkTokens(Options(), new FakeTime(Now));

        Assert.Equal(old, tokens.Issue(new LinkClaims(LinkPurposes.Review, "MZ-A", "e1", 1800000000, MemberId: "m-fr")));
        Assert.Equal("m-fr", tokens.Verify(old, LinkPurposes.Review)?.MemberId);
    }

    [Fact]
    public void A_download_token_never_reaches_telemetry() =>
        Assert.Equal("GET /api/files/{token}", TelemetryRedaction.Redact("GET /api/files/eyJwIjoiZG93bmxvYWQifQ.c2lnbmF0dXJl"));
}
