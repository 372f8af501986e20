using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>KMS refused Identity Center: the guard re-reads the key and repairs the cause as any key event would.</summary>
public sealed class KeyUseFailedGuardTests
{
    private static readonly string DecryptRefused = RepoPaths.EventFile("kms-decrypt-by-identity-center-failed.json");

    [Fact]
    public async Task Handle_WhenTheKeyIsDisabled_ShouldEnableItAndSayWhatAwsRefused()
    {
        var scenario = new GuardScenario(KeyState.Disabled);

        var result = await scenario.HandleAsync(DecryptRefused);

        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
        Assert.Equal("KEY-ENABLED", result.Alert.RuleId);
        Assert.Contains("the call failed with DisabledException", result.Alert.WhatHappened, StringComparison.Ordinal);
        Assert.Contains("EnableKey " + GuardScenario.Key, scenario.Keys.Calls);
        var refused = Assert.Single(result.Alert.Findings, f => f.RuleId == "KEY-USE-FAILING");
        Assert.True(refused.Resolved);
        Assert.Equal(Severity.Critical, refused.Severity);
        Assert.Contains("The cause the guard found: KEY-ENABLED, repaired and verified.", refused.Message, StringComparison.Ordinal);
        Assert.Contains(result.Rules, r => r.RuleId == "KEY-USE-FAILING");
    }

    [Fact]
    public async Task Handle_WhenTheKeyAndItsPolicyAreHealthy_ShouldSayTheCauseLiesOutsideWhatTheGuardModels()
    {
        var scenario = new GuardScenario(KeyState.Enabled);

        var result = await scenario.HandleAsync(DecryptRefused);

        Assert.Equal(("KEY-USE-FAILING", AlertOutcome.Alerted), (result.Alert!.RuleId, result.Alert.Outcome));
        Assert.Equal("KMS refuses Identity Center's calls to its key: sign-in is failing", result.Alert.Headline);
        var refused = Assert.Single(result.Alert.Findings);
        Assert.Contains("with DisabledException in us-east-1, encryption context aws:sso:instance-arn=", refused.Message, StringComparison.Ordinal);
        Assert.Contains("the cause lies outside the key policy", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(scenario.Keys.Calls, call => call.StartsWith("EnableKey", StringComparison.Ordinal) || call.StartsWith("PutKeyPolicy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_WhenAnAdministratorWasRefusedThroughIdentityCenter_ShouldRateItHigh()
    {
        var scenario = new GuardScenario(KeyState.Enabled);

        var result = await scenario.HandleAsync(RepoPaths.EventFile("kms-describe-key-through-identity-center-failed.json"));

        var refused = Assert.Single(result.Alert!.Findings, f => f.RuleId == "KEY-USE-FAILING");
        Assert.Equal(Severity.High, refused.Severity);
        Assert.Contains("AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com through sso.amazonaws.com", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenThePolicyNoLongerGrantsIdentityCenter_ShouldJudgeThePolicy()
    {
        const string RootOnly = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";
        var scenario = new GuardScenario(KeyState.Enabled, remediate: false, policy: RootOnly);

        var result = await scenario.HandleAsync(DecryptRefused);

        Assert.Equal("KEY-POLICY-HEALTHY", result.Alert!.RuleId);
        Assert.Contains(result.Rules, r => r is { RuleId: "KEY-ENABLED", Status: RuleStatus.Ok });
        Assert.Contains(result.Rules, r => r is { RuleId: "KEY-POLICY-HEALTHY", Status: RuleStatus.Violated });
    }

    // The engine is asked about the very request CloudTrail recorded: with the documented context it allows it.
    [Fact]
    public async Task Handle_WhenTheRecordedRequestIsOneThePolicyAllows_ShouldSaySoWithTheStatementThatAllowsIt()
    {
        var scenario = new GuardScenario(KeyState.Enabled);

        var result = await scenario.HandleAsync(DecryptRefused);

        var refused = Assert.Single(result.Alert!.Findings);
        Assert.Contains("this very request too (Allowed by #3 \"AllowIdentityCenterAndIdentityStoreToUseKey\")", refused.Message, StringComparison.Ordinal);
    }

    // A context the guard does not model (here: none of the documented keys) passes every modelled request but not the
    // recorded one: the cause is found in the policy after all, and the alert says which request and why.
    [Fact]
    public async Task Handle_WhenThePolicyRefusesTheRecordedRequestButNotTheModelledOnes_ShouldSayTheRequestDiffers()
    {
        var scenario = new GuardScenario(KeyState.Enabled);

        var result = await scenario.HandleAsync(DecryptRefused, json => json.Replace("\"aws:sso:instance-arn\"", "\"aws:sso:tenant\"", StringComparison.Ordinal));

        var refused = Assert.Single(result.Alert!.Findings);
        Assert.Contains("but not this one as CloudTrail recorded it (ImplicitDeny", refused.Message, StringComparison.Ordinal);
        Assert.Contains("the caller or its context differs from the documented ones", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the cause lies outside the key policy", refused.Message, StringComparison.Ordinal);
    }
}
