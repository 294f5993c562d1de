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
}
