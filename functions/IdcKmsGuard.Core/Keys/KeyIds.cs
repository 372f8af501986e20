namespace IdcKmsGuard.Core.Keys;

internal static class KeyIds
{
    /// <summary>A key id as KMS issues it: a UUID, or mrk- and 32 lowercase hex digits.</summary>
    public static bool IsKeyId(string value) => IsUuid(value) || IsMultiRegionId(value);

    public static bool IsMultiRegionId(string value) =>
        value.Length == 36 && value.StartsWith("mrk-", StringComparison.Ordinal) && value.AsSpan(4).ContainsOnlyLowerHex();

    private static bool IsUuid(string value) =>
        value.Length == 36 && Guid.TryParseExact(value, "D", out _);

    private static bool ContainsOnlyLowerHex(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
