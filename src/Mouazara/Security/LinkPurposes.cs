using System.Buffers.Text;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Mouazara.Kernel;

namespace Mouazara.Security;

/// <summary>What a signed link lets its holder do.</summary>
public static class LinkPurposes
{
    public const string Upload = "upload";
    public const string Status = "status";
    public const string Review = "review";
}
