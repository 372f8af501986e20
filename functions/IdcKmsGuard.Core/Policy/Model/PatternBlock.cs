namespace IdcKmsGuard.Core.Policy.Model;

/// <summary>Action/NotAction or Resource/NotResource: patterns with '*' and '?'.</summary>
public sealed record PatternBlock(bool IsNot, IReadOnlyList<string> Patterns);
