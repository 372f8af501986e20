using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>
/// Every problem of a configuration document, not only the first: the parser stops at the first refusal, so each
/// refused element is taken out of a copy and the rest parsed again, until the copy passes. Locations are those of
/// the document as written (an array item taken out does not shift the ones after it).
/// </summary>
public static partial class ConfigurationProblems
{
    public const int Limit = 50;

    public static IReadOnlyList<ConfigurationException> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<ConfigurationException>();
        var removed = new List<(string Array, int Index)>();
        var current = text;
        while (problems.Count < Limit)
        {
            try
            {
                ConfigurationParser.Parse(current);
                return problems;
            }
            catch (ConfigurationException e)
            {
                var original = AsWritten(e.Location, removed);
                var repeated = problems.Any(p => p.Location == original);
                if (!repeated)
                {
                    problems.Add(new ConfigurationException(original, e.Problem));
                }

                // A required element taken out is refused as missing, which the document is not: take out what holds it.
                var location = repeated ? Parent(e.Location) : e.Location;
                if (location is null || Without(current, location, removed) is not { } rest)
                {
                    return problems;
                }

                current = rest;
            }
        }

        return problems;
    }

    // The document without the element at location (null: it cannot be taken out, e.g. the document itself).
    private static string? Without(string text, string location, List<(string Array, int Index)> removed)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        var steps = Steps(location);
        if (root is null || steps.Count == 0 || location == ConfigurationParser.DocumentLocation)
        {
            return null;
        }

        var parent = root;
        foreach (var step in steps.Take(steps.Count - 1))
        {
            parent = step.Index is { } i ? (parent as JsonArray)?[i] : (parent as JsonObject)?[step.Name!];
            if (parent is null)
            {
                return null;
            }
        }

        var last = steps[^1];
        if (last.Index is { } index && parent is JsonArray array && index < array.Count)
        {
            array.RemoveAt(index);
            removed.Add((location[..location.LastIndexOf('[')], index));
            return root.ToJsonString();
        }

        return last.Name is { } name && parent is JsonObject obj && obj.Remove(name) ? root.ToJsonString() : null;
    }

    private static string? Parent(string location)
    {
        var cut = Math.Max(location.LastIndexOf('.'), location.LastIndexOf('['));
        return cut <= 0 ? null : location[..cut];
    }

    // A location in the copy, as written: each array item taken out before it shifts it back by one.
    private static string AsWritten(string location, List<(string Array, int Index)> removed)
    {
        var result = location;
        for (var r = removed.Count - 1; r >= 0; r--)
        {
            var (array, index) = removed[r];
            var prefix = array + "[";
            if (result.StartsWith(prefix, StringComparison.Ordinal))
            {
                var close = result.IndexOf(']', prefix.Length);
                var at = int.Parse(result.AsSpan(prefix.Length, close - prefix.Length), CultureInfo.InvariantCulture);
                if (at >= index)
                {
                    result = $"{prefix}{at + 1}{result[close..]}";
                }
            }
        }

        return result;
    }

    private static List<(string? Name, int? Index)> Steps(string location) =>
        [.. Step().Matches(location).Select(m => m.Groups["index"].Success
            ? ((string?)null, (int?)int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture))
            : (m.Groups["name"].Value, (int?)null))];

    [GeneratedRegex(@"\[(?<index>\d+)\]|(?<name>[^.\[\]]+)")]
    private static partial Regex Step();
}
