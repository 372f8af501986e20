using IdcKmsGuard.Core.Policy.Evaluation;

namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>
/// IAM ("IAM policy elements: Variables and tags"): a variable may replace only the resource part of an ARN, after the
/// 5th colon, never the partition, service, Region or account before it. A variable written there stays text, so the
/// pattern matches no real ARN.
/// </summary>
public static class ResourceArnVariables
{
    public static bool HasVariableBeforeResourcePart(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan(0, ResourcePartStart(value)).Contains("${", StringComparison.Ordinal);
    }

    /// <summary>Expands the variables after the 5th colon only.</summary>
    public static bool TryExpand(string value, RequestContext context, out GlobPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(value);
        var head = ResourcePartStart(value);
        if (!value.AsSpan(0, head).Contains("${", StringComparison.Ordinal))
        {
            return PolicyVariables.TryExpandPattern(value, context, out pattern);
        }

        if (!PolicyVariables.TryExpandPattern(value[head..], context, out var rest))
        {
            pattern = GlobPattern.Parse(value);
            return false;
        }

        var literal = new bool[head + rest.Text.Length];
        rest.Literal.CopyTo(literal.AsSpan(head));
        pattern = new GlobPattern(value[..head] + rest.Text, literal);
        return true;
    }

    // Colons inside a variable ("${aws:ResourceAccount}") do not separate ARN fields.
    private static int ResourcePartStart(string value)
    {
        var colons = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '{' && VariableReader.TryRead(value, i + 2, out var end, out _, out _))
            {
                i = end;
                continue;
            }

            if (value[i] == ':' && ++colons == 5)
            {
                return i + 1;
            }
        }

        return value.Length;
    }
}
