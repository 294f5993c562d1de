using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;

namespace Mouazara.Documents;

public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>Largest file accepted, in bytes (10 MB).</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;
}
