namespace Mouazara.Intake;

public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>
    /// Per form provider: what proves a delivery is theirs (Key Vault references on Azure). generic, typeform and
    /// tally: the HMAC secret; kobo: the REST Service's Basic credentials as <c>user:password</c>. A provider
    /// without one is not served (404). During a rotation the value holds the new and the previous secret
    /// separated by a space, and deliveries proven by either are accepted (docs/operations.md).
    /// </summary>
    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The secrets a provider's deliveries may be proven with: one, or two during a rotation. None: not served.</summary>
    public IReadOnlyList<string> SecretsOf(string provider) =>
        Secrets.TryGetValue(provider, out var value) && value is not null
            ? value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];

    /// <summary>
    /// Per form provider: the API key files are downloaded with (KoboToolbox: the project owner's API key, sent as
    /// <c>Authorization: Token</c>; Typeform: a personal access token with responses:read, sent as <c>Bearer</c>).
    /// Tally's file links carry their own signature and need none.
    /// </summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Per form provider: comma-separated host names its file URLs may point to (<c>*.example.org</c> for a
    /// domain's subdomains). Nothing else is ever fetched; a self-hosted KoboToolbox adds its own hosts here.
    /// </summary>
    public Dictionary<string, string> FileHosts { get; set; } = new(StringComparer.Ordinal)
    {
        ["kobo"] = "kf.kobotoolbox.org,kc.kobotoolbox.org,eu.kobotoolbox.org,kc-eu.kobotoolbox.org",
        ["typeform"] = "api.typeform.com,api.eu.typeform.com,api.typeform.eu",
        ["tally"] = "storage.tally.so",
        ["generic"] = "",
    };

    /// <summary>Folder of the mapping files (<c>{edition}.{provider}.json</c>), absolute or relative to the app or repository.</summary>
    public string MappingsPath { get; set; } = "editions/mappings";

    /// <summary>
    /// Largest delivery accepted, in bytes; inline files are base64, a third larger than the files. Kept below the
    /// Functions host's own request limit (100 MB by default): larger files go through upload links.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 90L * 1024 * 1024;

    /// <summary>
    /// Bytes this process receives at once from senders not verified yet (signature checked only once the body is
    /// in); past it a delivery is refused with 503 and Retry-After. At least <see cref="MaxBodyBytes"/>.
    /// </summary>
    public long MaxUnverifiedBytes { get; set; } = 192L * 1024 * 1024;

    /// <summary>
    /// Processing of accepted deliveries that this process starts at once per second, on average, once a burst has
    /// used up <see cref="StartBurst"/>; later starts are scheduled with the durable engine for their turn
    /// (<see cref="IntakePacer"/>). 0: every start at once. Two a second is 7,200 an hour per instance, far above the
    /// programme's volume, and leaves a burst's requests most of the machine (docs/performance.md).
    /// </summary>
    public double StartsPerSecond { get; set; } = 2;

    /// <summary>Accepted deliveries in a row whose processing starts at once before pacing begins.</summary>
    public int StartBurst { get; set; } = 4;

    /// <summary>
    /// Tests only: lets file downloads reach a loopback server on any port and accept its self-signed certificate
    /// for <c>localhost</c>. Private, link-local and metadata addresses stay refused even then. Never set on Azure.
    /// </summary>
    public bool AllowLoopbackFetchForTests { get; set; }
}
