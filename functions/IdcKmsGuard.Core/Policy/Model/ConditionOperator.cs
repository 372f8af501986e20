namespace IdcKmsGuard.Core.Policy.Model;

[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Naming",
    "CA1720:Identifier contains type name",
    Justification = "IAM's own names for the operator families.")]
public enum OperatorFamily
{
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    IpAddress,
    Arn,
    Null,
}

public enum SetQualifier
{
    None,
    ForAnyValue,
    ForAllValues,
}

/// <summary>
/// A condition operator split into its parts: "ForAnyValue:StringNotEqualsIgnoreCaseIfExists" is family String,
/// base "StringNotEqualsIgnoreCase", negated, IfExists, qualifier ForAnyValue.
/// </summary>
/// <param name="Name">As written in the policy.</param>
/// <param name="BaseName">Without qualifier and IfExists, e.g. "StringLike", "NumericLessThanEquals", "ArnNotLike".</param>
/// <param name="IsNegated">The "Not" operators (StringNotEquals, NotIpAddress, ArnNotLike, ...): true when no policy value matches.</param>
public sealed record ConditionOperator(
    string Name,
    OperatorFamily Family,
    string BaseName,
    bool IsNegated,
    bool IfExists,
    SetQualifier Qualifier);
