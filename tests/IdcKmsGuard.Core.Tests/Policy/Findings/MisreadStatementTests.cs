using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Core.Tests.Policy.Findings;

/// <summary>
/// Statements that read as granting Identity Center what it needs but that IAM does not match as written: the engine
/// must call them unhealthy and say why (found by a differential test against an IAM simulator).
/// </summary>
public sealed class MisreadStatementTests
{
    private const string ForAnyValueContextKeys =
        """ "ForAnyValue:StringEquals":{"kms:EncryptionContextKeys":["aws:sso:instance-arn","aws:identitystore:identitystore-arn"]} """;

    private const string DescribeKey = """
        {"Sid":"Describe","Effect":"Allow","Principal":{"Service":["sso.amazonaws.com","identitystore.amazonaws.com"]},
         "Action":"kms:DescribeKey","Resource":"*"}
        """;

    [Fact]
    public void Check_WhenUseKeyComparesContextKeysWithBareStringLike_ShouldBeCriticalAndNameTheOperator()
    {
        var report = Check(UseKey(""" "StringLike":{"kms:EncryptionContextKeys":["aws:sso:instance-arn","aws:identitystore:identitystore-arn"]} """));

        Assert.False(report.IsHealthy);
        Assert.Contains(report.Findings, f => f.Id == PolicyFindingIds.KeyAccess && f.Message.StartsWith("sso.amazonaws.com", StringComparison.Ordinal));
        var finding = Assert.Single(report.Findings, f => f.Id == PolicyFindingIds.SetOperatorMissing);
        Assert.Equal(["#3 \"UseKey\""], finding.Statements);
        Assert.Contains("ForAnyValue:StringLike", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenUseKeyUsesForAnyValue_ShouldNotReportAMissingSetOperator()
    {
        var report = Check(UseKey(""" "ForAnyValue:StringLike":{"kms:EncryptionContextKeys":["aws:sso:instance-arn","aws:identitystore:identitystore-arn"]} """));

        Assert.True(report.IsHealthy, string.Join("; ", report.Findings.Select(f => f.Message)));
        Assert.DoesNotContain(report.Findings, f => f.Id == PolicyFindingIds.SetOperatorMissing);
    }

    [Theory]
    [InlineData("StringNotEquals", "aws:sso:instance-arn")]
    [InlineData("StringEquals", "tenant-key-id")]
    public void Check_WhenADenyComparesContextKeysWithABareOperator_ShouldCountTheDenyAsApplying(string op, string value)
    {
        var deny = $$"""{"Sid":"Fence","Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"{{op}}":{"kms:EncryptionContextKeys":"{{value}}" """ + "}}}";

        var report = Check(UseKey(""" "ForAnyValue:StringEquals":{"kms:EncryptionContextKeys":["aws:sso:instance-arn","aws:identitystore:identitystore-arn"]} """), deny);

        Assert.Contains(report.Findings, f => f.Id == PolicyFindingIds.KeyDeny && f.Statements.Contains("#4 \"Fence\""));
        Assert.Contains(report.Findings, f => f.Id == PolicyFindingIds.SetOperatorMissing && f.Statements.Contains("#4 \"Fence\""));
    }

    [Fact]
    public void Check_WhenANullCheckUsesAMultivaluedKey_ShouldNotReportAMissingSetOperator()
    {
        var report = Check(UseKey(""" "Null":{"kms:EncryptionContextKeys":"false"} """));

        Assert.DoesNotContain(report.Findings, f => f.Id == PolicyFindingIds.SetOperatorMissing);
    }

    [Theory]
    [InlineData("\"SSO.AMAZONAWS.COM\"", "sso.amazonaws.com")]
    [InlineData("[\"Sso.amazonaws.com\",\"identitystore.amazonaws.com\"]", "sso.amazonaws.com")]
    [InlineData("[\"sso.amazonaws.com\",\"identitystore.amazonaws.con\"]", "identitystore.amazonaws.com")]
    public void Check_WhenUseKeyNamesAServiceInAnotherSpelling_ShouldBeCriticalAndSayItGrantsNothing(string services, string meant)
    {
        var report = Check(UseKey(ForAnyValueContextKeys, services));

        Assert.False(report.IsHealthy);
        Assert.Contains(report.Findings, f => f.Id == PolicyFindingIds.KeyAccess && f.Message.StartsWith(meant, StringComparison.Ordinal));
        var finding = Assert.Single(report.Findings, f => f.Id == PolicyFindingIds.ServiceName);
        Assert.Contains($"grants nothing to {meant}", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenADenyNamesTheServiceInCapitals_ShouldCountTheDenyAsApplying()
    {
        var deny = """{"Sid":"NoSso","Effect":"Deny","Principal":{"Service":"SSO.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*"}""";

        var report = Check(UseKey(ForAnyValueContextKeys), deny);

        Assert.Contains(report.Findings, f => f.Id == PolicyFindingIds.KeyDeny && f.Statements.SequenceEqual(["#4 \"NoSso\""]));
        Assert.Contains(report.Findings, f => f.Id == PolicyFindingIds.ServiceName && f.Message.Contains("denies it", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("logs.amazonaws.com")]
    [InlineData("ssm.amazonaws.com")]
    [InlineData("sts.amazonaws.com")]
    public void Check_WhenAnotherServiceIsNamed_ShouldNotReportASpelling(string service)
    {
        var other = $$"""{"Effect":"Allow","Principal":{"Service":"{{service}}"},"Action":"kms:Encrypt","Resource":"*"}""";

        var report = Check(UseKey(ForAnyValueContextKeys), other);

        Assert.DoesNotContain(report.Findings, f => f.Id == PolicyFindingIds.ServiceName);
    }

    [Fact]
    public void Check_WhenUseKeyPutsAVariableInTheAccountOfItsResource_ShouldBeCriticalAndNameTheVariable()
    {
        var useKey = UseKey(ForAnyValueContextKeys).Replace(
            "\"Resource\":\"*\"", "\"Resource\":\"arn:aws:kms:us-east-1:${aws:ResourceAccount}:key/*\"", StringComparison.Ordinal);

        var report = Check(useKey);

        Assert.False(report.IsHealthy);
        Assert.Contains(report.Findings, f => f.Id == PolicyFindingIds.KeyAccess && f.Message.StartsWith("sso.amazonaws.com", StringComparison.Ordinal));
        var finding = Assert.Single(report.Findings, f => f.Id == PolicyFindingIds.ResourceVariable);
        Assert.Equal(["#3 \"UseKey\""], finding.Statements);
    }

    [Fact]
    public void Check_WhenADenyPutsAVariableInTheAccountOfItsResource_ShouldCountTheDenyAsApplying()
    {
        var deny = """{"Sid":"Fence","Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"arn:aws:kms:*:${aws:ResourceAccount}:key/*"}""";

        var report = Check(UseKey(ForAnyValueContextKeys), deny);

        Assert.Contains(report.Findings, f => f.Id == PolicyFindingIds.KeyDeny && f.Statements.SequenceEqual(["#4 \"Fence\""]));
        Assert.Contains(report.Findings, f => f.Id == PolicyFindingIds.ResourceVariable);
    }

    internal static PolicyReport Check(params string[] statements)
    {
        var policy = $$$"""{"Version":"2012-10-17","Statement":[{{{ReferencePolicies.KmsDefaultAdministration}}},{{{DescribeKey}}},{{{string.Join(",", statements)}}}]}""";
        return PolicyChecker.Check(KeyPolicyParser.Parse(policy), ReferencePolicies.Facts);
    }

    internal static string UseKey(string condition, string service = """["sso.amazonaws.com","identitystore.amazonaws.com"]""") => $$$"""
        {"Sid":"UseKey","Effect":"Allow","Principal":{"Service":{{{service}}}},
         "Action":["kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKeyWithoutPlaintext"],"Resource":"*",
         "Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"},{{{condition}}}}}
        """;
}
