using System.Text.RegularExpressions;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Core.Tests.Policy.Parsing.Fuzzing;

/// <summary>Runs the parser on one input and says whether it kept its promise: a policy or a PolicyParseException.</summary>
internal static partial class ParseProbe
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Any other exception is exactly what the probe reports.")]
    public static ParseProbeResult Run(string input)
    {
        try
        {
            var policy = KeyPolicyParser.Parse(input);
            return new ParseProbeResult(true, null, BrokenInvariant(input, policy));
        }
        catch (PolicyParseException e)
        {
            return string.IsNullOrEmpty(e.Location) || string.IsNullOrEmpty(e.Problem)
                ? new ParseProbeResult(false, e.Location, $"PolicyParseException without location or problem: {e.Message}")
                : new ParseProbeResult(false, e.Location, null);
        }
        catch (Exception e)
        {
            return new ParseProbeResult(false, null, e.ToString());
        }
    }

    private static readonly HashSet<string> GrammarWords = new(
        ["Policy", "Version", "Id", "Statement", "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource",
         "Condition", "AWS", "Service", "Federated", "CanonicalUser"],
        StringComparer.Ordinal);

    /// <summary>
    /// "Statement[3].Condition.StringEquals.aws:SourceAccount[1]" → "Statement[].Condition.*.*[]": a location with
    /// indexes, condition names and unknown names generalized, so that counting shapes measures grammar coverage.
    /// </summary>
    public static string Shape(string location)
    {
        var parts = IndexPattern().Replace(location, "[]").Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var word = parts[i].EndsWith("[]", StringComparison.Ordinal) ? parts[i][..^2] : parts[i];
            if (!GrammarWords.Contains(word))
            {
                parts[i] = parts[i].EndsWith("[]", StringComparison.Ordinal) ? "*[]" : "*";
            }
        }

        return string.Join('.', parts);
    }

    private static string? BrokenInvariant(string input, KeyPolicy policy)
    {
        if (!ReferenceEquals(input, policy.Text))
        {
            return "KeyPolicy.Text is not the input";
        }

        if (policy.Statements.Count == 0)
        {
            return "a policy without statements was accepted";
        }

        for (var i = 0; i < policy.Statements.Count; i++)
        {
            var statement = policy.Statements[i];
            if (statement.Index != i || !input.Contains(statement.RawJson, StringComparison.Ordinal))
            {
                return $"statement {i} has index {statement.Index} or RawJson not found in the input";
            }

            if (statement.Actions.Patterns.Count == 0 || statement.Resources.Patterns.Count == 0
                || (!statement.Principal.IsWildcard && statement.Principal.Entries.Count == 0))
            {
                return $"statement {i} was accepted with an empty Principal, Action or Resource";
            }
        }

        return null;
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex IndexPattern();
}
