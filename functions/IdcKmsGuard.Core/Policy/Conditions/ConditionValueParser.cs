using System.Globalization;

namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>Parses condition values (policy side and request side alike) for the non-string operator families.</summary>
internal static class ConditionValueParser
{
    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    // The W3C profile of ISO 8601 that IAM names (YYYY-MM, YYYY-MM-DD, with hh:mm, hh:mm:ss, fractions and a zone),
    // plus the compact basic form; a value without a zone is taken as UTC.
    private static readonly string[] DateFormats =
    [
        "yyyy-MM",
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyyMMdd'T'HHmmssK",
        "yyyyMMdd'T'HHmmss",
    ];

    private static readonly long MinEpoch = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxEpoch = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static bool TryParseNumber(string text, out decimal number) =>
        decimal.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out number);

    /// <summary>An integer is epoch seconds (aws:EpochTime); anything else must be an ISO 8601 date.</summary>
    public static bool TryParseDate(string text, out DateTimeOffset date)
    {
        date = default;
        if (text.Length > 0 && text.AsSpan(text[0] == '-' ? 1 : 0).ContainsAnyExceptInRange('0', '9') is false)
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) || seconds < MinEpoch || seconds > MaxEpoch)
            {
                return false;
            }

            date = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        return DateTimeOffset.TryParseExact(
            text,
            DateFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out date);
    }

    public static bool TryParseBool(string text, out bool value)
    {
        value = string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
        return value || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase);
    }

    public static bool TryParseBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[((text.Length + 3) / 4) * 3];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
