using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Benchmarks.Policies;

/// <summary>The instance the benchmarks check for: the documentation's placeholders, as the reference policies use them.</summary>
internal static class BenchmarkFacts
{
    public const string Account = "111122223333";
    public const string DelegatedAdmin = "444455556666";
    public const string OrgId = "o-a1b2c3d4e5";
    public const string Region = "us-east-1";
    public const string InstanceArn = "arn:aws:sso:::instance/ssoins-1111222233334444";
    public const string IdentityStoreArn = "arn:aws:identitystore::111122223333:identitystore/d-1234567890";
    public const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";

    public static IdentityCenterFacts Facts { get; } = new(Account, OrgId, Region, InstanceArn, IdentityStoreArn, KeyArn, [DelegatedAdmin]);

    public static string BaselinePath => Path.Combine(Testing.RepoPaths.Reference, "key-policies", "key-policy-baseline-2026.json");
}
