namespace IdcKmsGuard.Core.Policy.Model;

/// <summary>One operator applied to one condition key with its values (any of which may match).</summary>
/// <param name="Key">The condition key as written; IAM compares keys case-insensitively.</param>
/// <param name="Values">JSON strings, numbers and booleans, as their JSON text ("true", "30").</param>
public sealed record ConditionClause(ConditionOperator Operator, string Key, IReadOnlyList<string> Values);
