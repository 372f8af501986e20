using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>KMS refused Identity Center: the guard re-reads the key and repairs the cause as any key event would.</summary>
public sealed class KeyUseFailedGuardTests
{
    private static readonly string DecryptRefused = RepoPaths.UnroutedEventFile("kms-decrypt-failed-for-identity-center.json");

    [Fact]
    public async Task Handle_WhenTheKeyIsDisabled_ShouldEnableItAndSayWhatAwsRefused()
    {
        var scenario = new GuardScenario(KeyState.Disabled);

        var result = await scenario.HandleAsync(DecryptRefused);

        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
        Assert.Equal("KEY-ENABLED", result.Alert.RuleId);
        Assert.Contains("the call failed with DisabledException", result.Alert.WhatHappened, StringComparison.Ordinal);
        Assert.Contains("EnableKey " + GuardScenario.Key, scenario.Keys.Calls);
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
}
