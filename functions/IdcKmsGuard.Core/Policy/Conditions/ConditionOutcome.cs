namespace IdcKmsGuard.Core.Policy.Conditions;

/// <param name="Explanation">Why, in words for an alert: "aws:SourceAccount is 111122223333, not 444455556666".</param>
public sealed record ConditionOutcome(bool Satisfied, string Explanation);
