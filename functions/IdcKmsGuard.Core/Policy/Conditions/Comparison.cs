namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>The positive test behind an operator; negation and set qualifiers are applied around it.</summary>
internal enum Comparison
{
    Equal,
    EqualIgnoringCase,
    Like,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    InRange,
    ArnLike,
}
