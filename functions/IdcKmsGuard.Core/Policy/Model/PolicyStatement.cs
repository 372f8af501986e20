namespace IdcKmsGuard.Core.Policy.Model;

public enum StatementEffect
{
    Allow,
    Deny,
}

/// <param name="Index">Position in the Statement array (0 for a single statement object).</param>
/// <param name="RawJson">The statement exactly as written, for verbatim re-serialization.</param>
public sealed record PolicyStatement(
    int Index,
    string? Sid,
    StatementEffect Effect,
    PrincipalBlock Principal,
    PatternBlock Actions,
    PatternBlock Resources,
    IReadOnlyList<ConditionClause> Conditions,
    string RawJson)
{
    /// <summary>How alerts and the CLI name a statement: position and Sid, since Sids are optional and not unique.</summary>
    public string Label => Sid is null ? $"#{Index + 1}" : $"#{Index + 1} \"{Sid}\"";
}
