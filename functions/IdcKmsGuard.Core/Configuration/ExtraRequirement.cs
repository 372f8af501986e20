namespace IdcKmsGuard.Core.Configuration;

/// <summary>
/// A request this organization also needs the key policy to keep allowing (a workflow role, a managed application),
/// checked by the policy engine like Identity Center's own.
/// </summary>
/// <param name="Principal">A service principal ("qbusiness.amazonaws.com") or an IAM role/user ARN.</param>
/// <param name="Context">Condition keys of the request; each may hold several values.</param>
public sealed record ExtraRequirement(string Name, string Principal, string Action, IReadOnlyDictionary<string, IReadOnlyList<string>> Context);
