using System.Security.Cryptography;
using System.Text;

namespace Mouazara.Applications;

/// <summary>
/// An application's id follows from the form provider and its submission id, so the same submission
/// delivered twice, or ten times at once, always names the same application.
/// </summary>
public static class ApplicationIds
{
    const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string For(string provider, string submissionId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(provider + "\n" + submissionId));
        var builder = new StringBuilder("MZ-", 15);
        ulong bits = BitConverter.ToUInt64(hash, 0);
        for (var i = 0; i < 12; i++)
        {
            builder.Append(Alphabet[(int)(bits & 31)]);
            bits >>= 5;
        }

        return builder.ToString();
    }

    public static bool IsWellFormed(string? id) =>
        id is { Length: 15 } && id.StartsWith("MZ-", StringComparison.Ordinal) && id.AsSpan(3).IndexOfAnyExcept(Alphabet) < 0;

    /// <summary>The durable instance that carries the application.</summary>
    public static string Instance(string applicationId) => "application-" + applicationId;
}
