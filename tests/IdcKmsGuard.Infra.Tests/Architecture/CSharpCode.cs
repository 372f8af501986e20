using System.Text;

namespace IdcKmsGuard.Infra.Tests.Architecture;

/// <summary>
/// C# source without its comments and without the text of its string and character literals (each left as one space),
/// so that a name in a comment or a message is never mistaken for a reference. The code inside an interpolation hole
/// is kept: it can name types too. Regular, verbatim, interpolated and raw literals are understood; nothing else is.
/// </summary>
internal static class CSharpCode
{
    public static string WithoutCommentsAndLiterals(string source)
    {
        var code = new StringBuilder(source.Length);
        var at = 0;
        Copy(source, ref at, code, inHole: false);
        return code.ToString();
    }

    // Copies code up to the end, or in an interpolation hole up to the '}' that closes the hole (left unread).
    private static void Copy(string s, ref int at, StringBuilder code, bool inHole)
    {
        var depth = 0;
        while (at < s.Length)
        {
            var c = s[at];
            if (c == '/' && Peek(s, at + 1) is '/' or '*')
            {
                at = Peek(s, at + 1) == '/' ? IndexOrEnd(s, "\n", at) : Math.Min(s.Length, IndexOrEnd(s, "*/", at + 2) + 2);
                code.Append(' ');
            }
            else if (c == '\'')
            {
                at++;
                while (at < s.Length && s[at] != '\'')
                {
                    at += s[at] == '\\' ? 2 : 1;
                }

                at++;
                code.Append(' ');
            }
            else if (IsLiteralStart(s, at))
            {
                at = SkipLiteral(s, at, code);
            }
            else if (inHole && c == '}' && depth-- == 0)
            {
                return;
            }
            else
            {
                depth += inHole && c == '{' ? 1 : 0;
                code.Append(c);
                at++;
            }
        }
    }

    private static bool IsLiteralStart(string s, int at)
    {
        while (Peek(s, at) is '$' or '@')
        {
            at++;
        }

        return Peek(s, at) == '"';
    }

    // Reads the literal that starts at 'at' ($, @ and quotes included); returns where the code after it starts.
    private static int SkipLiteral(string s, int at, StringBuilder code)
    {
        var (dollars, verbatim) = (0, false);
        for (; s[at] != '"'; at++)
        {
            dollars += s[at] == '$' ? 1 : 0;
            verbatim |= s[at] == '@';
        }

        var quotes = Run(s, at, '"');
        var raw = !verbatim && quotes >= 3;
        code.Append(' ');
        if (!verbatim && quotes == 2)
        {
            return at + 2;
        }

        at += raw ? quotes : 1;
        while (at < s.Length)
        {
            var c = s[at];
            if (c == '"')
            {
                var run = Run(s, at, '"');
                if (raw && run < quotes)
                {
                    at += run;
                    continue;
                }

                if (verbatim && run >= 2)
                {
                    at += 2;
                    continue;
                }

                return at + (raw ? run : 1);
            }

            if (c == '\\' && !verbatim && !raw)
            {
                at += 2;
            }
            else if (c == '{' && dollars > 0)
            {
                at = SkipBraces(s, at, raw ? dollars : 1, code);
            }
            else
            {
                at++;
            }
        }

        return at;
    }

    // At a run of '{' in an interpolated literal: either literal braces, or the start of a hole whose code is kept.
    private static int SkipBraces(string s, int at, int opening, StringBuilder code)
    {
        var run = Run(s, at, '{');
        if (run < opening || (opening == 1 && run >= 2))
        {
            return at + (opening == 1 ? 2 : run);
        }

        at += run;
        code.Append(' ');
        Copy(s, ref at, code, inHole: true);
        code.Append(' ');
        return at + Math.Min(opening, Run(s, at, '}'));
    }

    private static char Peek(string s, int at) => at < s.Length ? s[at] : '\0';

    private static int Run(string s, int at, char c)
    {
        var end = at;
        while (end < s.Length && s[end] == c)
        {
            end++;
        }

        return end - at;
    }

    private static int IndexOrEnd(string s, string value, int from) =>
        s.IndexOf(value, from, StringComparison.Ordinal) is var index and >= 0 ? index : s.Length;
}
