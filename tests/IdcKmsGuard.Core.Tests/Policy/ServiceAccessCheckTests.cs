using IdcKmsGuard.Core.Policy;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Policy;

public sealed class ServiceAccessCheckTests
{
    [Theory]
    [InlineData("key-policy-baseline-2026.json")]
    [InlineData("key-policy-required-2025.json")]
    public void Evaluate_WhenPolicyIsADocumentedBaseline_ShouldFindNoGap(string file)
    {
        var report = ServiceAccessCheck.Evaluate(File.ReadAllText(Path.Combine(RepoPaths.SharedReference, "key-policies", file)));

        Assert.True(report.IsHealthy, string.Join("; ", report.Gaps));
    }

    [Fact]
    public void Evaluate_WhenPolicyIsTheKmsDefault_ShouldReportEveryServiceActionMissing()
    {
        const string policy = """
            { "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "kms:*", "Resource": "*" } }
            """;

        var report = ServiceAccessCheck.Evaluate(policy);

        Assert.Equal(10, report.Gaps.Count);
        Assert.All(report.Gaps, gap => Assert.Equal("no statement allows it", gap.Reason));
    }

    [Fact]
    public void Evaluate_WhenUnconditionalDenyCoversDecrypt_ShouldNameTheStatement()
    {
        const string policy = """
            { "Statement": [
              { "Effect": "Allow", "Principal": { "Service": ["sso.amazonaws.com", "identitystore.amazonaws.com"] }, "Action": "kms:*", "Resource": "*" },
              { "Sid": "NoDecrypt", "Effect": "Deny", "Principal": "*", "Action": "kms:decrypt", "Resource": "*" } ] }
            """;

        var report = ServiceAccessCheck.Evaluate(policy);

        Assert.Equal(2, report.Gaps.Count);
        Assert.All(report.Gaps, gap => Assert.Equal("kms:Decrypt", gap.Action));
        Assert.All(report.Gaps, gap => Assert.Contains("\"NoDecrypt\"", gap.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_WhenAllowUsesNotActionAndWildcards_ShouldMatchLikeIam()
    {
        const string policy = """
            { "Statement": [
              { "Effect": "Allow", "Principal": { "Service": "sso.amazonaws.com" }, "NotAction": "kms:Schedule*", "Resource": "*" },
              { "Effect": "Allow", "Principal": { "Service": "identitystore.amazonaws.com" }, "Action": ["kms:ReEncrypt*", "kms:Decrypt", "kms:GenerateDataKey*", "kms:Describe?ey"], "Resource": "*" } ] }
            """;

        Assert.True(ServiceAccessCheck.Evaluate(policy).IsHealthy);
    }

    [Fact]
    public void Evaluate_WhenPolicyIsNotJson_ShouldReportParseError()
    {
        var report = ServiceAccessCheck.Evaluate("{ nope");

        Assert.False(report.IsHealthy);
        Assert.StartsWith("The key policy is not valid JSON", report.ParseError, StringComparison.Ordinal);
    }
}
