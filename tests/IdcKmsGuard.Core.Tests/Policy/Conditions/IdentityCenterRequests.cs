using IdcKmsGuard.Core.Policy.Evaluation;
using static IdcKmsGuard.Core.Tests.Policy.Conditions.ClauseBuilder;

namespace IdcKmsGuard.Core.Tests.Policy.Conditions;

/// <summary>
/// The request contexts Identity Center's KMS calls carry, filled with the documentation's placeholders
/// (IAM Identity Center User Guide, "Baseline KMS key and IAM policy statements"; tests/reference/README.md): the two
/// service principals, and principals reaching the key through them.
/// </summary>
internal static class IdentityCenterRequests
{
    public const string Account = "111122223333";
    public const string OrgId = "o-a1b2c3d4e5";
    public const string InstanceArn = "arn:aws:sso:::instance/ssoins-1234567890abcdef";
    public const string IdentityStoreArn = "arn:aws:identitystore::111122223333:identitystore/d-1234567890";
    private static readonly string[] SsoContextKeys = ["aws:sso:instance-arn", "tenant-key-id"];
    private static readonly string[] IdentityStoreContextKeys = ["aws:identitystore:identitystore-arn", "tenant-key-id"];

    /// <summary>sso.amazonaws.com calling Decrypt with the instance's encryption context.</summary>
    public static RequestContext SsoServiceDecrypt() => Context(
        "aws:SourceAccount", Account,
        "aws:ResourceAccount", Account,
        "aws:ResourceOrgID", OrgId,
        "aws:PrincipalIsAWSService", "true",
        "aws:PrincipalServiceName", "sso.amazonaws.com",
        "kms:EncryptionContextKeys", SsoContextKeys,
        "kms:EncryptionContext:aws:sso:instance-arn", InstanceArn,
        "kms:EncryptionContext:tenant-key-id", "tenant-1");

    /// <summary>identitystore.amazonaws.com calling Decrypt with the identity store's encryption context.</summary>
    public static RequestContext IdentityStoreServiceDecrypt() => Context(
        "aws:SourceAccount", Account,
        "aws:ResourceAccount", Account,
        "aws:ResourceOrgID", OrgId,
        "aws:PrincipalIsAWSService", "true",
        "kms:EncryptionContextKeys", IdentityStoreContextKeys,
        "kms:EncryptionContext:aws:identitystore:identitystore-arn", IdentityStoreArn,
        "kms:EncryptionContext:tenant-key-id", "tenant-1");

    /// <summary>A service's DescribeKey: no encryption context at all.</summary>
    public static RequestContext ServiceDescribeKey() => Context(
        "aws:SourceAccount", Account,
        "aws:ResourceAccount", Account,
        "aws:ResourceOrgID", OrgId,
        "aws:PrincipalIsAWSService", "true");

    /// <summary>An Identity Center administrator in the organization, reaching the key through sso.</summary>
    public static RequestContext AdminViaSso() => Context(
        "aws:PrincipalArn", "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_Admin_0123456789abcdef",
        "aws:PrincipalAccount", Account,
        "aws:PrincipalOrgID", OrgId,
        "aws:PrincipalIsAWSService", "false",
        "aws:ResourceAccount", Account,
        "aws:ResourceOrgID", OrgId,
        "kms:CallerAccount", Account,
        "kms:ViaService", "sso.us-east-1.amazonaws.com",
        "kms:EncryptionContextKeys", SsoContextKeys,
        "kms:EncryptionContext:aws:sso:instance-arn", InstanceArn);

    /// <summary>A managed application (an AWS service in the organization) decrypting through identitystore.</summary>
    public static RequestContext ManagedAppViaIdentityStore() => Context(
        "aws:PrincipalIsAWSService", "true",
        "aws:SourceOrgID", OrgId,
        "aws:SourceAccount", "444455556666",
        "aws:ResourceAccount", Account,
        "aws:ResourceOrgID", OrgId,
        "kms:ViaService", "identitystore.us-east-1.amazonaws.com",
        "kms:EncryptionContextKeys", IdentityStoreContextKeys,
        "kms:EncryptionContext:aws:identitystore:identitystore-arn", IdentityStoreArn);

    public static RequestContext ByName(string name) => name switch
    {
        nameof(SsoServiceDecrypt) => SsoServiceDecrypt(),
        nameof(IdentityStoreServiceDecrypt) => IdentityStoreServiceDecrypt(),
        nameof(ServiceDescribeKey) => ServiceDescribeKey(),
        nameof(AdminViaSso) => AdminViaSso(),
        nameof(ManagedAppViaIdentityStore) => ManagedAppViaIdentityStore(),
        _ => throw new ArgumentException($"Unknown request {name}", nameof(name)),
    };
}
