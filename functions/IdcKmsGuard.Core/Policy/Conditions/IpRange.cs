using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>
/// An IpAddress/NotIpAddress policy value: IPv4 or IPv6 in CIDR form, or a single address (/32 or /128, as IAM
/// defaults). IPv4 is read strictly as four decimal octets, so the legacy forms "10" or "010.0.0.1" that
/// <see cref="IPAddress.TryParse(string, out IPAddress)"/> accepts are rejected rather than misread.
/// </summary>
internal sealed class IpRange
{
    private readonly byte[] network;
    private readonly int prefixLength;

    private IpRange(byte[] network, int prefixLength)
    {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out IpRange? range)
    {
        range = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!TryParseAddress(slash < 0 ? text : text[..slash], out var address))
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        var prefix = bytes.Length * 8;
        if (slash >= 0)
        {
            var digits = text.AsSpan(slash + 1);
            if (digits.IsEmpty || digits.Length > 3 || digits.ContainsAnyExceptInRange('0', '9')
                || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bytes.Length * 8)
            {
                return false;
            }
        }

        range = new IpRange(bytes, prefix);
        return true;
    }

    public static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (text.Contains('%', StringComparison.Ordinal)
                || !IPAddress.TryParse(text, out var parsed)
                || parsed.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
            return true;
        }

        Span<byte> octets = stackalloc byte[4];
        var parts = 0;
        foreach (var range in text.AsSpan().Split('.'))
        {
            var part = text.AsSpan()[range];
            if (parts == 4 || part.IsEmpty || part.Length > 3 || (part.Length > 1 && part[0] == '0') || part.ContainsAnyExceptInRange('0', '9')
                || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out octets[parts]))
            {
                return false;
            }

            parts++;
        }

        if (parts != 4)
        {
            return false;
        }

        address = new IPAddress(octets);
        return true;
    }

    public bool Contains(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (bytes.Length != network.Length)
        {
            return false;
        }

        var whole = prefixLength / 8;
        if (!bytes.AsSpan(0, whole).SequenceEqual(network.AsSpan(0, whole)))
        {
            return false;
        }

        var remainingBits = prefixLength % 8;
        if (remainingBits == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remainingBits));
        return (bytes[whole] & mask) == (network[whole] & mask);
    }
}
