using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Core.Tests.Policy.Parsing;

public sealed class KeyPolicyParserReferenceTests
{
    public static TheoryData<string> KeyPolicies => [.. ReferencePolicies.KeyPolicyFiles];

    public static TheoryData<string> IamPolicies => [.. ReferencePolicies.IamPolicyFiles];

    [Fact]
    public void ReferenceFolder_WhenListed_ShouldHoldBothKindsOfPolicy()
    {
        Assert.Equal(4, ReferencePolicies.KeyPolicyFiles.Count());
        Assert.Equal(3, ReferencePolicies.IamPolicyFiles.Count());
    }

    [Theory]
    [MemberData(nameof(KeyPolicies))]
    public void Parse_WhenPolicyIsADocumentedKeyPolicy_ShouldReadEveryStatementVerbatim(string file)
    {
        var text = ReferencePolicies.Read(file);

        var policy = KeyPolicyParser.Parse(text);

        Assert.Equal("2012-10-17", policy.Version);
        Assert.Same(text, policy.Text);
        Assert.NotEmpty(policy.Statements);
        Assert.Equal(Enumerable.Range(0, policy.Statements.Count), policy.Statements.Select(s => s.Index));
        Assert.All(policy.Statements, s => Assert.Contains(s.RawJson, text, StringComparison.Ordinal));
        Assert.All(policy.Statements, s => Assert.Equal(StatementEffect.Allow, s.Effect));
    }

    [Theory]
    [MemberData(nameof(IamPolicies))]
    public void Parse_WhenPolicyIsAnIdentityPolicy_ShouldSayAKeyPolicyNeedsAPrincipal(string file)
    {
        var error = ParseAssert.Fails(ReferencePolicies.Read(file), "Statement[0].Principal");

        Assert.StartsWith("Principal is required in a key policy", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenPolicyIsThe2026Baseline_ShouldReadPrincipalsActionsAndConditions()
    {
        var policy = KeyPolicyParser.Parse(ReferencePolicies.Read("key-policy-baseline-2026.json"));

        Assert.Equal(
            ["AllowIdentityCenterAdminAccounts", "AllowIdentityCenterAndIdentityStoreToDescribeKey", "AllowIdentityCenterAndIdentityStoreToUseKey",
             "AllowOrgPrincipalsViaIdentityCenterAndIdentityStore", "AllowManagedApps"],
            policy.Statements.Select(s => s.Sid));

        var admins = policy.Statements[0];
        Assert.False(admins.Principal.IsWildcard);
        Assert.Equal(
            [new PrincipalEntry(PrincipalType.Aws, "arn:aws:iam::111122223333:root"), new PrincipalEntry(PrincipalType.Aws, "arn:aws:iam::444455556666:root")],
            admins.Principal.Entries);
        Assert.Equal(["kms:*"], admins.Actions.Patterns);
        Assert.Empty(admins.Conditions);

        var useKey = policy.Statements[2];
        Assert.Equal(["kms:Decrypt", "kms:ReEncryptTo", "kms:ReEncryptFrom", "kms:GenerateDataKeyWithoutPlaintext"], useKey.Actions.Patterns);
        Assert.All(useKey.Principal.Entries, e => Assert.Equal(PrincipalType.Service, e.Type));
        Assert.Equal(2, useKey.Conditions.Count);
        Assert.Equal("aws:SourceAccount", useKey.Conditions[0].Key);
        Assert.Equal(["${aws:ResourceAccount}"], useKey.Conditions[0].Values);
        var contextKeys = useKey.Conditions[1];
        Assert.Equal(SetQualifier.ForAnyValue, contextKeys.Operator.Qualifier);
        Assert.Equal("StringEquals", contextKeys.Operator.BaseName);
        Assert.Equal(["aws:sso:instance-arn", "aws:identitystore:identitystore-arn"], contextKeys.Values);

        var org = policy.Statements[3];
        Assert.True(org.Principal.IsWildcard);
        Assert.Equal(["StringEquals", "StringLike", "ForAnyValue:StringEquals"], org.Conditions.Select(c => c.Operator.Name));

        var apps = policy.Statements[4];
        var isService = Assert.Single(apps.Conditions, c => c.Operator.Family == OperatorFamily.Bool);
        Assert.Equal(["true"], isService.Values);
    }
}
