using System.Text.Json;
using System.Text.Json.Nodes;

namespace IdcKmsGuard.Cli.Tests;

public sealed class CheckPolicyCommandTests
{
    private static readonly string[] Decisions = ["Allowed", "AllowedIfIamAllows", "ExplicitDeny", "ImplicitDeny"];

    private static readonly string[] Severities = ["critical", "high", "medium", "low"];

    [Fact]
    public void CheckPolicy_WhenBaseline2026_ShouldExitZeroAndSayHealthy()
    {
        var run = PolicyFixtures.Run("check-policy", PolicyFixtures.BaselineFile);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("HEALTHY", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void CheckPolicy_WhenUseKeyStatementIsMissing_ShouldExitTwoAndNameTheFinding()
    {
        using var policy = new TempFile(PolicyFixtures.BaselineWithoutUseKey());

        var run = PolicyFixtures.Run("check-policy", policy.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("CRITICAL", run.Output, StringComparison.Ordinal);
        Assert.Contains("IDC-KEY-ACCESS", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckPolicy_WhenUseKeyNamesIdentityCenterInCapitals_ShouldExitTwoAndSayTheServiceIsMisspelled()
    {
        using var policy = new TempFile(PolicyFixtures.BaselineWithUseKey(useKey =>
            useKey["Principal"]!["Service"] = new JsonArray("identitystore.amazonaws.com", "SSO.AMAZONAWS.COM")));

        var run = PolicyFixtures.Run("check-policy", policy.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("CRITICAL", run.Output, StringComparison.Ordinal);
        Assert.Contains("IDC-KEY-ACCESS", run.Output, StringComparison.Ordinal);
        Assert.Contains("KEY-POLICY-SERVICE-NAME", run.Output, StringComparison.Ordinal);
        Assert.Contains("SSO.AMAZONAWS.COM", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckPolicy_WhenUseKeyComparesContextKeysWithoutASetOperator_ShouldExitTwoAndNameTheOperator()
    {
        using var policy = new TempFile(PolicyFixtures.BaselineWithUseKey(useKey =>
        {
            var condition = useKey["Condition"]!.AsObject();
            var keys = condition["ForAnyValue:StringEquals"]!.DeepClone();
            condition.Remove("ForAnyValue:StringEquals");
            condition["StringLike"] = keys;
        }));

        var run = PolicyFixtures.Run("check-policy", policy.Path, "--json");

        Assert.Equal(2, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("id").GetString() == "IDC-KEY-ACCESS");
        Assert.Contains(findings, f => f.GetProperty("id").GetString() == "KEY-POLICY-SET-OPERATOR"
            && f.GetProperty("statements").EnumerateArray().Any(s => s.GetString()!.Contains(PolicyFixtures.UseKeySid, StringComparison.Ordinal)));
    }

    // IAM substitutes no variable before the fifth colon of an ARN: this Resource names no key, so the Allow grants nothing.
    [Fact]
    public void CheckPolicy_WhenUseKeyNamesTheAccountOfItsResourceByAVariable_ShouldExitTwoAndNameTheVariable()
    {
        using var policy = new TempFile(PolicyFixtures.BaselineWithUseKey(useKey => useKey["Resource"] = "arn:aws:kms:*:${aws:ResourceAccount}:key/*"));

        var run = PolicyFixtures.Run("check-policy", policy.Path, "--json");

        Assert.Equal(2, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("id").GetString() == "IDC-KEY-ACCESS" && f.GetProperty("severity").GetString() == "critical");
        Assert.Contains(findings, f => f.GetProperty("id").GetString() == "KEY-POLICY-ARN-VARIABLE"
            && f.GetProperty("statements").EnumerateArray().Any(s => s.GetString()!.Contains(PolicyFixtures.UseKeySid, StringComparison.Ordinal)));
    }

    [Fact]
    public void CheckPolicy_WhenJsonRequested_ShouldPrintTheDocumentedShape()
    {
        using var policy = new TempFile(PolicyFixtures.BaselineWithoutUseKey());

        var run = PolicyFixtures.Run("check-policy", policy.Path, "--json");

        Assert.Equal(2, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.Equal(["healthy", "findings", "requests"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.False, root.GetProperty("healthy").ValueKind);
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        foreach (var finding in findings)
        {
            Assert.Equal(["id", "severity", "message", "statements"], finding.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.String, finding.GetProperty("id").ValueKind);
            Assert.Contains(finding.GetProperty("severity").GetString(), Severities);
            Assert.Equal(JsonValueKind.String, finding.GetProperty("message").ValueKind);
            AssertStrings(finding.GetProperty("statements"));
        }

        Assert.Contains(findings, f => f.GetProperty("id").GetString() == "IDC-KEY-ACCESS" && f.GetProperty("severity").GetString() == "critical");
        var requests = root.GetProperty("requests").EnumerateArray().ToList();
        foreach (var request in requests)
        {
            var names = request.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(["principal", "action", "decision", "decidedBy"], names.Take(4));
            Assert.All(names.Skip(4), extra => Assert.Equal("purpose", extra));
            Assert.Equal(JsonValueKind.String, request.GetProperty("principal").ValueKind);
            Assert.Equal(JsonValueKind.String, request.GetProperty("action").ValueKind);
            Assert.Contains(request.GetProperty("decision").GetString(), Decisions);
            AssertStrings(request.GetProperty("decidedBy"));
        }

        Assert.Contains(requests, r => r.GetProperty("principal").GetString() == "sso.amazonaws.com" && r.GetProperty("action").GetString() == "kms:Decrypt" && r.GetProperty("decision").GetString() == "ImplicitDeny");
        Assert.Single(run.Output.TrimEnd().Split('\n'));
    }

    [Fact]
    public void CheckPolicy_WhenJsonRequestedForBaseline_ShouldCoverEveryServiceRequestAndAllowIt()
    {
        var run = PolicyFixtures.Run("check-policy", PolicyFixtures.BaselineFile, "--json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.True(root.GetProperty("healthy").GetBoolean());
        Assert.Empty(root.GetProperty("findings").EnumerateArray());
        var requests = root.GetProperty("requests").EnumerateArray()
            .Select(r => (Principal: r.GetProperty("principal").GetString(), Action: r.GetProperty("action").GetString(), Decision: r.GetProperty("decision").GetString()))
            .ToList();
        foreach (var service in new[] { "sso.amazonaws.com", "identitystore.amazonaws.com" })
        {
            foreach (var action in new[] { "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey" })
            {
                Assert.Contains((service, action, "Allowed"), requests);
            }
        }

        Assert.All(requests, r => Assert.StartsWith("Allowed", r.Decision, StringComparison.Ordinal));
    }

    private static void AssertStrings(JsonElement array)
    {
        Assert.Equal(JsonValueKind.Array, array.ValueKind);
        Assert.All(array.EnumerateArray(), item => Assert.Equal(JsonValueKind.String, item.ValueKind));
    }
}
