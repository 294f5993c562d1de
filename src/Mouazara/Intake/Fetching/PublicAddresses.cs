using System.Net;
using System.Net.Sockets;

namespace Mouazara.Intake.Fetching;

/// <summary>
/// Which IP addresses a file download may connect to: public unicast only. Loopback, private (RFC 1918), shared
/// CGNAT (100.64/10), link-local (169.254/16, where the cloud metadata service answers at 169.254.169.254),
/// multicast, reserved and documentation ranges are refused, and so are IPv6 forms that smuggle one of them
/// (IPv4-mapped, NAT64, 6to4, Teredo, IPv4-compatible).
/// </summary>
public static class PublicAddresses
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address.GetAddressBytes()),
            _ => false,
        };
    }

    /// <summary>Loopback in either family, including IPv4-mapped 127/8.</summary>
    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address) || (address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(address.MapToIPv4()));

    static bool IsPublicV4(ReadOnlySpan<byte> b) => !(
        b[0] == 0                                        // "this network"
        || b[0] == 10                                    // private
        || (b[0] == 100 && (b[1] & 0xC0) == 64)          // shared address space (CGNAT)
        || b[0] == 127                                   // loopback
        || (b[0] == 169 && b[1] == 254)                  // link-local, cloud metadata
        || (b[0] == 172 && (b[1] & 0xF0) == 16)          // private
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)       // IETF protocol assignments
        || (b[0] == 192 && b[1] == 0 && b[2] == 2)       // documentation
        || (b[0] == 192 && b[1] == 88 && b[2] == 99)     // 6to4 relay anycast
        || (b[0] == 192 && b[1] == 168)                  // private
        || (b[0] == 198 && (b[1] & 0xFE) == 18)          // benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)    // documentation
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)     // documentation
        || b[0] >= 224);                                 // multicast, reserved, broadcast

    static bool IsPublicV6(ReadOnlySpan<byte> b)
    {
        // Only global unicast (2000::/3) can be public; this alone excludes ::, ::1, IPv4-compatible ::a.b.c.d,
        // ULA fc00::/7, link-local fe80::/10, site-local fec0::/10, multicast ff00::/8, discard 100::/64 and NAT64 64:ff9b::/96.
        if ((b[0] & 0xE0) != 0x20)
        {
            return false;
        }

        // 2001::/23 is IETF protocol assignments (Teredo 2001::/32 among them); 2001:db8::/32 is documentation.
        if (b[0] == 0x20 && b[1] == 0x01 && (b[2] < 0x02 || (b[2] == 0x0D && b[3] == 0xB8)))
        {
            return false;
        }

        // 6to4 (2002::/16) carries an IPv4 address in bytes 2-5: public only if that address is.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b.Slice(2, 4));
        }

        return true;
    }
}
