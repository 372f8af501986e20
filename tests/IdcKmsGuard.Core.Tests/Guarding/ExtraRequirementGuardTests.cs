using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>A key-policy change judged against the organization's extraRequirements as well as Identity Center's needs.</summary>
public sealed class ExtraRequirementGuardTests
{
    private static readonly ExtraRequirement ThroughSso = new(
        "Q Business decrypts through Identity Center",
        "qbusiness.amazonaws.com",
        "kms:Decrypt",
        new Dictionary<string, IReadOnlyList<string>> { ["kms:ViaService"] = ["sso.us-east-1.amazonaws.com"], ["kms:EncryptionContextKeys"] = ["aws:sso:instance-arn"] });

    // The policy Identity Center needs lets managed applications decrypt only through sso and identitystore.
    private static readonly ExtraRequirement Direct = new("reporting job decrypts directly", "qbusiness.amazonaws.com", "kms:Decrypt", new Dictionary<string, IReadOnlyList<string>>());

    [Fact]
    public async Task Handle_WhenThePolicyNoLongerAllowsAnExtraRequirement_ShouldAlertHighAndLeaveThePolicy()
    {
        var scenario = new GuardScenario(KeyState.Enabled, configuration: GuardConfiguration.Defaults with { ExtraRequirements = [ThroughSso, Direct] });
        var before = scenario.Keys.PolicyOf(GuardScenario.Key);

        var result = await scenario.HandleAsync("kms-put-key-policy.json");

        Assert.Equal("EXTRA-ACCESS", result.Alert!.RuleId);
        Assert.Equal(Severity.High, result.Alert.Severity);
        Assert.Equal(AlertOutcome.Alerted, result.Alert.Outcome);
        var finding = Assert.Single(result.Alert.Findings);
        Assert.Contains("reporting job decrypts directly", finding.Message, StringComparison.Ordinal);
        Assert.Equal("Identity Center key policy no longer allows what this organization also needs", result.Alert.Headline);
        Assert.Equal(before, scenario.Keys.PolicyOf(GuardScenario.Key));
        Assert.Contains(result.Rules, r => r is { RuleId: "EXTRA-ACCESS", Status: RuleStatus.Violated });
    }

    [Fact]
    public async Task Handle_WhenEveryExtraRequirementIsStillAllowed_ShouldReportTheRuleOk()
    {
        var scenario = new GuardScenario(KeyState.Enabled, configuration: GuardConfiguration.Defaults with { ExtraRequirements = [ThroughSso] });

        var result = await scenario.HandleAsync("kms-put-key-policy.json");

        Assert.Equal(Disposition.Healthy, result.Disposition);
        Assert.Contains(result.Rules, r => r is { RuleId: "EXTRA-ACCESS", Status: RuleStatus.Ok });
    }

    [Fact]
    public async Task Handle_WhenTheRuleIsOff_ShouldNotAlertOnExtraRequirements()
    {
        var configuration = GuardConfiguration.Defaults with
        {
            ExtraRequirements = [Direct],
            RuleModes = new Dictionary<string, RuleMode>(StringComparer.Ordinal) { ["EXTRA-ACCESS"] = RuleMode.Off },
        };
        var scenario = new GuardScenario(KeyState.Enabled, configuration: configuration);

        var result = await scenario.HandleAsync("kms-put-key-policy.json");

        Assert.Equal(Disposition.Healthy, result.Disposition);
        Assert.Contains(result.Rules, r => r is { RuleId: "EXTRA-ACCESS", Status: RuleStatus.Skipped });
    }

    [Fact]
    public async Task Handle_WhenIdentityCenterLosesAccessToo_ShouldRepairOnlyItsOwnAccessAndStillReportTheExtra()
    {
        const string rootOnly = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";
        var scenario = new GuardScenario(KeyState.Enabled, policy: rootOnly, configuration: GuardConfiguration.Defaults with { ExtraRequirements = [Direct] });

        var result = await scenario.HandleAsync("kms-put-key-policy.json");

        Assert.Equal("KEY-POLICY-HEALTHY", result.Alert!.RuleId);
        Assert.Equal(AlertOutcome.Fixed, result.Alert.Outcome);
        Assert.Contains(result.Alert.Findings, f => f.RuleId == "EXTRA-ACCESS" && !f.Resolved);
    }
}
