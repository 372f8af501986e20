using System.Text.RegularExpressions;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>
/// The text formats of the document. The published schema (infra/config/guard-config.schema.json) carries the same
/// expressions character for character; a test compares them. .NET's '$' also matches before a final line break,
/// so callers refuse control characters separately (the schema does so with its singleLine definition).
/// </summary>
internal static partial class ConfigurationPatterns
{
    /// <summary>An IAM or STS principal ARN in one account; '*' and '?' allowed in the name, which must not be all wildcards.</summary>
    public const string PrincipalArnPattern =
        @"^arn:aws(-[a-z]+)*:(iam::[0-9]{12}:(root|(role|user)/\S*[^\s*?]\S*)|sts::[0-9]{12}:(assumed-role|federated-user)/\S*[^\s*?]\S*)$";

    /// <summary>A KMS key ARN as KMS writes it: lower-case key id, a UUID or mrk- and 32 hex digits.</summary>
    public const string KeyArn =
        "^arn:aws(-[a-z]+)*:kms:[a-z]{2}(-[a-z]+)+-[0-9]+:[0-9]{12}:key/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$";

    /// <summary>RFC 3339 (ISO 8601 with a mandatory offset).</summary>
    public const string Timestamp =
        @"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$";

    /// <summary>KMS tag keys: letters, digits, space and _ . : / = + - @, not the reserved "aws:" prefix.</summary>
    public const string TagKey = "^(?![Aa][Ww][Ss]:)[A-Za-z0-9 _.:/=+@-]+$";

    /// <summary>One concrete KMS action: a request names no wildcard.</summary>
    public const string Action = "^kms:[A-Z][A-Za-z0-9]*$";

    /// <summary>A service principal, or the ARN of an account root, role or user (no wildcard).</summary>
    public const string RequestPrincipal =
        @"^(([a-z0-9-]+\.)+amazonaws\.com(\.cn)?|arn:aws(-[a-z]+)*:iam::[0-9]{12}:(root|(role|user)/[^\s*?]+))$";

    public const string ContextKey = "^[A-Za-z0-9-]+:[A-Za-z0-9:_./@+=-]+$";

    [GeneratedRegex(PrincipalArnPattern, RegexOptions.CultureInvariant)]
    public static partial Regex PrincipalArnRegex();

    [GeneratedRegex(KeyArn, RegexOptions.CultureInvariant)]
    public static partial Regex KeyArnRegex();

    [GeneratedRegex(Timestamp, RegexOptions.CultureInvariant)]
    public static partial Regex TimestampRegex();

    [GeneratedRegex(TagKey, RegexOptions.CultureInvariant)]
    public static partial Regex TagKeyRegex();

    [GeneratedRegex(Action, RegexOptions.CultureInvariant)]
    public static partial Regex ActionRegex();

    [GeneratedRegex(RequestPrincipal, RegexOptions.CultureInvariant)]
    public static partial Regex RequestPrincipalRegex();

    [GeneratedRegex(ContextKey, RegexOptions.CultureInvariant)]
    public static partial Regex ContextKeyRegex();
}
