namespace Mouazara.Http;

/// <summary>What either host's web server lets through before the product's own caps (Intake:MaxBodyBytes) apply.</summary>
public static class RequestLimits
{
    /// <summary>
    /// Deliveries with inline files exceed Kestrel's 30 MB default; both hosts stop at the Azure Functions host's own
    /// default limit (100 MB), above Intake:MaxBodyBytes (90 MB). Larger files go through upload links.
    /// </summary>
    public const long MaxBodyBytes = 100L * 1024 * 1024;
}
