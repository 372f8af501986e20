using System.Globalization;
using System.Text;

namespace IdcKmsGuard.Aws.Signing;

internal static partial class SigV4Signer
{
    private static (string Canonical, string Signed) CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var byName = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var lower = name.Trim().ToLowerInvariant();
            if (!byName.TryGetValue(lower, out var values))
            {
                byName[lower] = values = [];
            }

            values.Add(TrimAll(value));
        }

        var canonical = new StringBuilder();
        foreach (var (name, values) in byName)
        {
            canonical.Append(name).Append(':').AppendJoin(',', values).Append('\n');
        }

        return (canonical.ToString(), string.Join(';', byName.Keys));
    }

    private static string TrimAll(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.AsSpan().Trim(" \t"))
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string CanonicalPath(string path, SigV4SigningOptions options)
    {
        if (options.NormalizePath)
        {
            path = NormalizePath(path);
        }

        if (path.Length == 0)
        {
            return "/";
        }

        return options.DoubleUriEncodePath ? UriEncode(path, keepSlash: true) : path;
    }

    // RFC 3986 dot-segment removal plus collapsing of empty segments, keeping a trailing slash.
    private static string NormalizePath(string path)
    {
        var kept = new List<string>();
        var segments = path.Split('/');
        foreach (var segment in segments)
        {
            if (segment == "..")
            {
                if (kept.Count > 0)
                {
                    kept.RemoveAt(kept.Count - 1);
                }
            }
            else if (segment is not ("" or "."))
            {
                kept.Add(segment);
            }
        }

        var trailingSlash = kept.Count > 0 && (segments[^1] is "" or "." or "..");
        return "/" + string.Join('/', kept) + (trailingSlash ? "/" : "");
    }

    private static string CanonicalQuery(IReadOnlyList<KeyValuePair<string, string>> query) =>
        string.Join(
            '&',
            query
                .Select(p => (Key: UriEncode(p.Key, keepSlash: false), Value: UriEncode(p.Value, keepSlash: false)))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .ThenBy(p => p.Value, StringComparer.Ordinal)
                .Select(p => $"{p.Key}={p.Value}"));

    private static string UriEncode(string value, bool keepSlash)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~'
                || (keepSlash && b == '/'))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
