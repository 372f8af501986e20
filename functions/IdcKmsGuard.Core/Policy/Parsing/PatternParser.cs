using System.Text.Json;
using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Parsing;

/// <summary>Action/NotAction and Resource/NotResource: a pattern or a list of patterns with '*' and '?'.</summary>
internal static class PatternParser
{
    public static PatternBlock Actions(JsonElement element, bool isNot, string location)
    {
        var patterns = new List<string>();
        foreach (var (action, actionLocation) in PolicyJson.StringOrList(element, location, "an action string"))
        {
            if (!IsAction(action))
            {
                throw new PolicyParseException(
                    actionLocation,
                    $"{PolicyJson.Quote(action)} is not an action; write \"*\" or \"service:Action\" (e.g. \"kms:Decrypt\", \"kms:ReEncrypt*\")");
            }

            patterns.Add(action);
        }

        return new PatternBlock(isNot, patterns);
    }

    public static PatternBlock Resources(JsonElement element, bool isNot, string location)
    {
        var patterns = new List<string>();
        foreach (var (resource, resourceLocation) in PolicyJson.StringOrList(element, location, "a resource string"))
        {
            if (resource != "*" && !resource.StartsWith("arn:", StringComparison.Ordinal))
            {
                throw new PolicyParseException(resourceLocation, $"{PolicyJson.Quote(resource)} is not a resource; write \"*\" or an ARN (\"arn:...\")");
            }

            patterns.Add(resource);
        }

        return new PatternBlock(isNot, patterns);
    }

    /// <summary>"*", or a service prefix (letters, digits, '-'), ':', and a name of letters, digits, '_', '-', '*', '?'.</summary>
    internal static bool IsAction(string value)
    {
        if (value == "*")
        {
            return true;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1)
        {
            return false;
        }

        foreach (var c in value.AsSpan(0, colon))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        foreach (var c in value.AsSpan(colon + 1))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('*' or '?' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
