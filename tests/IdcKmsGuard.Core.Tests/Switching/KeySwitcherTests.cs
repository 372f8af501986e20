using IdcKmsGuard.Core.Auditing;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.Switching;
using IdcKmsGuard.Core.Tests.Support;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Switching;

public sealed class KeySwitcherTests
{
    private static readonly KeyArn Current = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab");
    private static readonly KeyArn Next = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/mrk-99999999999999999999999999999999");
    private static readonly string Baseline = File.ReadAllText(Path.Combine(RepoPaths.Reference, "key-policies", "key-policy-baseline-2026.json"));

    private readonly InMemoryKeyStore keys = new();
    private readonly FakeIdentityCenter identityCenter = FakeIdentityCenter.UsingKey(Current);
    private readonly List<string> progress = [];

    public KeySwitcherTests()
    {
        keys.Add(Current, KeyState.Enabled, Baseline);
        keys.Add(Next, KeyState.Enabled, Baseline);
        keys.RotationEnabled.Add(Next.ToString());
    }

    private KeySwitcher Switcher => new(identityCenter, new Auditor(identityCenter, keys, new GuardOptions(false, null), TimeProvider.System), TimeProvider.System, keys);

    // enable-cmk marks what it switches to: the guard's role may repair only marked keys.
    [Fact]
    public async Task MarkGuarded_ShouldTagTheKeyTheSwitchGoesTo()
    {
        keys.Untag(Next, GuardedKeyTag.Key);
        var preflight = await Switcher.PreflightAsync(Next, null, GuardConfiguration.Defaults, CancellationToken.None);

        var marked = await Switcher.MarkGuardedAsync(preflight, CancellationToken.None);

        Assert.Equal([Next], marked);
        Assert.Equal(GuardedKeyTag.Value, keys.Tags[Next.ToString()][GuardedKeyTag.Key]);
    }

    [Fact]
    public async Task Switch_WhenIdentityCenterReportsUpdateFailed_ShouldReturnFailedWithTheReason()
    {
        identityCenter.AfterSwitch = key => new EncryptionConfiguration(EncryptionKeyType.CustomerManagedKey, Current, EncryptionStatus.UpdateFailed, "KMS_AccessDeniedException: sso.amazonaws.com may not use the key");
        var preflight = await Switcher.PreflightAsync(Next, null, GuardConfiguration.Defaults, CancellationToken.None);

        var outcome = await Switcher.SwitchAsync(preflight.Current, Next, TimeSpan.Zero, TimeSpan.FromMinutes(1), (e, _) => progress.Add(e.Status.ToString()), CancellationToken.None);

        Assert.True(preflight.Passed);
        Assert.Equal(SwitchResult.Failed, outcome.Result);
        Assert.StartsWith("KMS_AccessDeniedException", outcome.Final.StatusReason, StringComparison.Ordinal);
        Assert.Equal(["UpdateFailed"], progress);
    }

    [Fact]
    public async Task Switch_WhenTheKeyIsAlreadyInUse_ShouldChangeNothing()
    {
        var current = await Switcher.InstanceAsync(null, CancellationToken.None);

        var outcome = await Switcher.SwitchAsync(current, Current, TimeSpan.Zero, TimeSpan.FromMinutes(1), (e, _) => progress.Add(e.Status.ToString()), CancellationToken.None);

        Assert.Equal(SwitchResult.AlreadyInUse, outcome.Result);
        Assert.Empty(identityCenter.Switches);
    }

    [Fact]
    public async Task Switch_WhenAnotherSwitchIsUpdating_ShouldRefuseToStartOne()
    {
        identityCenter.Encryption = identityCenter.Encryption with { Status = EncryptionStatus.Updating };
        var current = await Switcher.InstanceAsync(null, CancellationToken.None);

        await Assert.ThrowsAsync<SwitchException>(() => Switcher.SwitchAsync(current, Next, TimeSpan.Zero, TimeSpan.FromMinutes(1), (_, _) => { }, CancellationToken.None));
        Assert.Empty(identityCenter.Switches);
    }

    [Fact]
    public async Task Preflight_WhenTheConfigurationTurnsTheCheckOff_ShouldStillBlockABrokenPolicy()
    {
        await keys.PutKeyPolicyAsync(Next, """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""", CancellationToken.None);
        var off = GuardConfiguration.Defaults with { RuleModes = new Dictionary<string, RuleMode>(StringComparer.Ordinal) { ["KEY-POLICY-HEALTHY"] = RuleMode.Off } };

        var preflight = await Switcher.PreflightAsync(Next, null, off, CancellationToken.None);

        Assert.False(preflight.Passed);
        Assert.Contains(preflight.Blocking, f => f.RuleId == "KEY-POLICY-HEALTHY");
    }

    [Fact]
    public async Task Preflight_WhenTheKeyIsDisabled_ShouldBlock()
    {
        keys.SetState(Next, KeyState.Disabled);

        var preflight = await Switcher.PreflightAsync(Next, null, GuardConfiguration.Defaults, CancellationToken.None);

        Assert.False(preflight.Passed);
        Assert.Equal("KEY-ENABLED", Assert.Single(preflight.Blocking).RuleId);
    }
}
