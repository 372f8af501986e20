namespace IdcKmsGuard.Core.Policy.Requirements;

/// <summary>A request the organization also needs the key policy to allow (from the configuration's extraRequirements).</summary>
/// <param name="Principal">A service principal ("qbusiness.amazonaws.com") or an IAM role or user ARN.</param>
/// <param name="Context">Condition keys the request carries; the organization and account keys are added as for
/// Identity Center's own requests unless given here.</param>
public sealed record ExtraRequest(string Name, string Principal, string Action, IReadOnlyDictionary<string, IReadOnlyList<string>> Context);
