using System.ComponentModel.DataAnnotations;

namespace Mouazara.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The SendGrid API key (a Key Vault reference on Azure).</summary>
    [Required]
    public string SendGridApiKey { get; set; } = "";

    /// <summary>Leave empty for SendGrid itself; the local host points it at its own sink.</summary>
    public string? SendGridHost { get; set; }

    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = "";

    [Required]
    public string FromName { get; set; } = "Mouazara";

    /// <summary>
    /// How long one send may take before it counts as failed (the activity is then retried). SendGrid takes no
    /// idempotency key: a send that timed out after SendGrid accepted it is sent again, so keep this well above
    /// SendGrid's usual answer time.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
