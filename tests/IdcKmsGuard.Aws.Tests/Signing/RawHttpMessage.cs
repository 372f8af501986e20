using System.Text;

namespace IdcKmsGuard.Aws.Tests.Signing;

/// <summary>An HTTP/1.1 request as text: a vector's request.txt, or bytes captured from the wire.</summary>
internal sealed record RawHttpMessage(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body)
{
    public string Header(string name) =>
        Headers.Single(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value.Trim();

    public static RawHttpMessage Parse(string text)
    {
        var (head, body) = SplitHeadAndBody(text);
        var lines = head.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();

        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(' ')];
        var questionMark = target.IndexOf('?', StringComparison.Ordinal);
        var path = questionMark < 0 ? target : target[..questionMark];
        var query = questionMark < 0 ? [] : ParseQuery(target[(questionMark + 1)..]);

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line[0] is ' ' or '\t')
            {
                // An obs-fold continues the previous value; RFC 9112 replaces it with a space.
                var previous = headers[^1];
                headers[^1] = new(previous.Key, previous.Value + " " + line);
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 1)..]));
        }

        return new RawHttpMessage(method, path, query, headers, Encoding.UTF8.GetBytes(body));
    }

    private static (string Head, string Body) SplitHeadAndBody(string text)
    {
        foreach (var separator in new[] { "\r\n\r\n", "\n\n" })
        {
            var index = text.IndexOf(separator, StringComparison.Ordinal);
            if (index >= 0)
            {
                return (text[..index], text[(index + separator.Length)..]);
            }
        }

        return (text, "");
    }

    private static List<KeyValuePair<string, string>> ParseQuery(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => new KeyValuePair<string, string>(
                Uri.UnescapeDataString(parts[0]),
                parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : ""))
            .ToList();
}
