using System.Text;

namespace IdcKmsGuard.Core.Policy.Parsing;

/// <summary>
/// What KMS refuses before it reads a key policy as JSON. KMS Developer Guide, "Key policy format": "Up to 32
/// kilobytes (32,768 bytes)", not adjustable (KMS quotas). KMS API Reference, PutKeyPolicy, parameter Policy: only
/// "printable ASCII characters from the space character (\u0020) through the end of the ASCII character range",
/// "printable characters in the Basic Latin and Latin-1 Supplement character set (through \u00FF)" and "the tab
/// (\u0009), line feed (\u000A), and carriage return (\u000D) special characters"; the service model (botocore
/// kms/2014-11-01 PolicyType) has the pattern [\u0009\u000A\u000D\u0020-\u00FF]+ and a looser max of 131,072
/// characters, so the 32 KB quota is the limit that binds. Bytes are counted in UTF-8, the encoding on the wire.
/// </summary>
public static class KmsPolicyLimits
{
    public const int MaxBytes = 32_768;

    public const char FirstPrintable = '\u0020';

    public const char LastLatin1 = '\u00FF';

    public static bool IsAllowed(char c) => c is >= FirstPrintable and <= LastLatin1 or '\t' or '\n' or '\r';

    /// <returns>What KMS would reject in <paramref name="policy"/>; empty when it is within the limits.</returns>
    public static IReadOnlyList<string> Check(string policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var problems = new List<string>(2);

        var bytes = Encoding.UTF8.GetByteCount(policy);
        if (bytes > MaxBytes)
        {
            problems.Add($"is {bytes:N0} bytes (UTF-8); KMS accepts at most {MaxBytes:N0} bytes");
        }

        var first = IndexOfDisallowed(policy);
        if (first >= 0)
        {
            var others = 0;
            for (var i = first + 1; i < policy.Length; i++)
            {
                if (!IsAllowed(policy[i]))
                {
                    others++;
                }
            }

            var (line, column) = LineAndColumn(policy, first);
            var more = others == 0 ? string.Empty : $" and {others:N0} more";
            problems.Add(
                $"contains {Describe(policy, first)} at line {line}, column {column}{more}; KMS accepts only printable " +
                "ASCII and Latin-1 characters (U+0020..U+00FF) plus tab, line feed and carriage return");
        }

        return problems;
    }

    private static int IndexOfDisallowed(string policy)
    {
        for (var i = 0; i < policy.Length; i++)
        {
            if (!IsAllowed(policy[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Describe(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            return $"U+{char.ConvertToUtf32(c, text[index + 1]):X4}";
        }

        return char.IsSurrogate(c) ? $"an unpaired surrogate U+{(int)c:X4}" : $"U+{(int)c:X4}";
    }

    private static (int Line, int Column) LineAndColumn(string text, int index)
    {
        int line = 1, lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }
}
