using IdcKmsGuard.Core.Policy.Evaluation;

namespace IdcKmsGuard.Core.Policy.Requirements;

/// <param name="Purpose">What is asked, for reports: "kms:Decrypt", "kms:Decrypt through identitystore".</param>
public sealed record RequiredRequest(RequirementKind Kind, string Purpose, PolicyRequest Request);
