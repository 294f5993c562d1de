namespace Mouazara.Http;

/// <summary>What either host's web server lets through before the product's own caps (Intake:MaxBodyBytes) apply.</summary>
public static class RequestLimits
{
    /// <summary>
    /// Deliveries with inline files exceed Kestrel's 30 MB default; infra sets the Functions host's
    /// FUNCTIONS_REQUEST_BODY_SIZE_LIMIT to match.
    /// </summary>
    public const long MaxBodyBytes = 160L * 1024 * 1024;
}
