using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Tests.Rules;

public sealed class KeySpecRulesTests
{
    private static readonly KeyArn Key = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab");

    private static readonly IdentityCenterInstance Instance = new(
        "arn:aws:sso:::instance/ssoins-1111222233334444", "d-1234567890", "111122223333", "corp", "ACTIVE", "us-east-1",
        new EncryptionConfiguration(EncryptionKeyType.CustomerManagedKey, Key, EncryptionStatus.Enabled, null));

    private static readonly KeySnapshot Good = new(Key, KeyState.Enabled, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "AWS_KMS", "CUSTOMER", true, MultiRegionRole.Primary, null);

    [Fact]
    public void Evaluate_WhenSymmetricCustomerManagedKeyInTheInstancesAccountAndRegion_ShouldFindNothing()
    {
        Assert.Empty(KeySpecRules.Evaluate(Good, Instance));
    }

    [Theory]
    [InlineData("RSA_2048", "ENCRYPT_DECRYPT", "CUSTOMER", "spec is RSA_2048")]
    [InlineData("HMAC_256", "GENERATE_VERIFY_MAC", "CUSTOMER", "spec is HMAC_256")]
    [InlineData("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "AWS", "managed by AWS")]
    public void Evaluate_WhenTheKeyIsOfTheWrongKind_ShouldFindAHighKeySpecViolation(string spec, string usage, string manager, string expected)
    {
        var findings = KeySpecRules.Evaluate(Good with { KeySpec = spec, KeyUsage = usage, KeyManager = manager }, Instance);

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(("KEY-SPEC", Severity.High), (f.RuleId, f.Severity)));
        Assert.Contains(findings, f => f.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_WhenTheKeyIsInAnotherAccountAndRegion_ShouldNameBoth()
    {
        var elsewhere = KeyArn.Parse("arn:aws:kms:eu-west-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab");

        var findings = KeySpecRules.Evaluate(Good with { Arn = elsewhere }, Instance);

        Assert.Equal(
            ["The key is in account 444455556666; the instance is in 111122223333.", "The key is in eu-west-1; the instance's primary Region is us-east-1."],
            findings.Select(f => f.Message));
    }

    [Theory]
    [InlineData("EXTERNAL", "imported")]
    [InlineData("AWS_CLOUDHSM", "CloudHSM")]
    [InlineData("EXTERNAL_KEY_STORE", "external key store")]
    public void Evaluate_WhenTheMaterialIsNotFromKms_ShouldReportTheOriginAsMedium(string origin, string expected)
    {
        var finding = Assert.Single(KeySpecRules.Evaluate(Good with { Origin = origin }, Instance));

        Assert.Equal(("KEY-SPEC", Severity.Medium), (finding.RuleId, finding.Severity));
        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
    }
}
