namespace IdcKmsGuard.Core.Policy.Evaluation;

/// <param name="Action">e.g. "kms:Decrypt".</param>
/// <param name="ResourceArn">The key's ARN: "Resource": "*" in a key policy means this key.</param>
public sealed record PolicyRequest(PolicyPrincipal Principal, string Action, string ResourceArn, RequestContext Context);
