using System.Buffers;
using System.Globalization;
using System.Text;

namespace IdcKmsGuard.Core.Alerts;

/// <summary>
/// Text that reaches a person but came from someone else: a user agent, an error message, a statement Sid or a
/// condition value quoted in a finding. Rendered on one line (a control character, a line break or a bidirectional
/// override is shown as \uXXXX, so it cannot forge a section of the alert or reorder what the reader sees), capped
/// in length, and for chat with the markdown that could make a link, a mention or a code span escaped.
/// </summary>
internal static class UntrustedText
{
    /// <summary>The most characters of one value an alert shows; the alert's JSON document and the log keep it whole.</summary>
    public const int MaxLength = 2_000;

    // What can make a link ([text](url), <url|text>), a mention (<!channel>, <@user>) or code that hides what follows.
    // Emphasis (* _ ~) is left alone: ARNs are full of underscores, and a stray italic misleads nobody.
    private static readonly SearchValues<char> MarkdownSpecials = SearchValues.Create(@"\`[]<>");

    public static string OneLine(string? value, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value ?? string.Empty;
        }

        var text = new StringBuilder(Math.Min(value.Length, maxLength) + 16);
        var shown = 0;
        foreach (var c in value)
        {
            if (shown == maxLength)
            {
                break;
            }

            if (IsHidden(c))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }

            shown++;
        }

        return shown < value.Length ? text.Append(CultureInfo.InvariantCulture, $"... ({value.Length - shown} more characters)").ToString() : text.ToString();
    }

    /// <summary><see cref="OneLine"/>, with markdown's special characters escaped for a chat client.</summary>
    public static string Markdown(string? value, int maxLength = MaxLength)
    {
        var line = OneLine(value, maxLength);
        if (line.AsSpan().IndexOfAny(MarkdownSpecials) < 0)
        {
            return line;
        }

        var text = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            text.Append(MarkdownSpecials.Contains(c) ? "\\" : string.Empty).Append(c);
        }

        return text.ToString();
    }

    private static bool IsHidden(char c) =>
        char.IsControl(c)
        || c is '\u2028' or '\u2029' or '\u200e' or '\u200f' or '\u061c'
        || c is >= '\u202a' and <= '\u202e'
        || c is >= '\u2066' and <= '\u2069';
}
