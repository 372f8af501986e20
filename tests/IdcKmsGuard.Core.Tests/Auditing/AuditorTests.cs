using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Auditing;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.Tests.Support;
using IdcKmsGuard.Testing;
using Microsoft.Extensions.Time.Testing;

namespace IdcKmsGuard.Core.Tests.Auditing;

public sealed class AuditorTests
{
    private static readonly KeyArn Key = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab");
    private static readonly KeyArn Replica = Key.InRegion("eu-west-1");
    private static readonly string Baseline = File.ReadAllText(Path.Combine(RepoPaths.Reference, "key-policies", "key-policy-baseline-2026.json"));
    private const string RootOnly = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";

    private readonly InMemoryKeyStore keys = new();
    private readonly FakeIdentityCenter identityCenter = FakeIdentityCenter.UsingKey(Key);

    public AuditorTests()
    {
        keys.Add(Key, KeyState.Enabled, Baseline);
        keys.RotationEnabled.Add(Key.ToString());
    }

    private Task<AuditReport> AuditAsync(GuardConfiguration? configuration = null) =>
        new Auditor(identityCenter, keys, new GuardOptions(false, null), new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)))
            .AuditAsync(configuration ?? GuardConfiguration.Defaults, CancellationToken.None);

    [Fact]
    public async Task Audit_WhenKeyAndReplicaAreHealthy_ShouldBeHealthyWithBothKeysChecked()
    {
        AddReplica(KeyState.Enabled, Baseline);

        var report = await AuditAsync();

        Assert.True(report.IsHealthy(Severity.Low));
        var instance = Assert.Single(report.Instances);
        Assert.Equal([KeyRole.Primary, KeyRole.Replica], instance.Keys.Select(k => k.Role));
        Assert.Equal(["us-east-1", "eu-west-1"], instance.Keys.Select(k => k.Region));
        Assert.True(instance.Keys[0].RotationEnabled);
        Assert.Null(instance.Keys[1].RotationEnabled);
        Assert.All(instance.Keys, k => Assert.True(k.Policy!.IsHealthy));
    }

    [Fact]
    public async Task Audit_WhenTheReplicaPolicyIsBroken_ShouldReportItCriticalForThatRegionOnly()
    {
        AddReplica(KeyState.Enabled, RootOnly);

        var report = await AuditAsync();

        Assert.False(report.IsHealthy());
        var instance = Assert.Single(report.Instances);
        Assert.Empty(instance.Keys[0].Findings);
        var replica = instance.Keys[1];
        Assert.Contains(replica.Findings, f => f is { RuleId: "KEY-POLICY-HEALTHY", Severity: Severity.Critical } && f.Message.StartsWith("Replica in eu-west-1: IDC-KEY-ACCESS: sso.amazonaws.com", StringComparison.Ordinal));

        // The replica's requests come through the services in its own Region.
        Assert.All(replica.Policy!.Requests.Where(r => r.Required.Request.Context.Get("kms:ViaService") is not null), r => Assert.Contains(".eu-west-1.", r.Required.Request.Context.Get("kms:ViaService")![0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_WhenARegionHasNoReplica_ShouldReportKeyReplicaCritical()
    {
        identityCenter.AdditionalRegions.Add("ap-southeast-2");

        var report = await AuditAsync();

        var finding = Assert.Single(report.Instances[0].AllFindings);
        Assert.Equal(("KEY-REPLICA", Severity.Critical), (finding.RuleId, finding.Severity));
        Assert.Contains("ap-southeast-2", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WhenTheKeyIsSingleRegionAndIdentityCenterIsNot_ShouldSayAReplicaIsImpossible()
    {
        var single = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        keys.Add(single, KeyState.Enabled, Baseline);
        keys.RotationEnabled.Add(single.ToString());
        identityCenter.Encryption = identityCenter.Encryption with { KmsKeyArn = single };
        identityCenter.AdditionalRegions.Add("eu-west-1");

        var report = await AuditAsync();

        var finding = Assert.Single(report.Instances[0].AllFindings);
        Assert.Equal("KEY-REPLICA", finding.RuleId);
        Assert.Contains("single-Region key", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WhenTheReplicaIsPendingDeletion_ShouldNameTheReplicaAndItsState()
    {
        AddReplica(KeyState.PendingDeletion, Baseline);

        var report = await AuditAsync();

        var finding = Assert.Single(report.Instances[0].AllFindings);
        Assert.Equal("KEY-NOT-PENDING-DELETION", finding.RuleId);
        Assert.StartsWith("Replica in eu-west-1: Found the key PendingDeletion", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WhenThePrimaryIsDisabledAndRotationOff_ShouldReportBoth()
    {
        keys.SetState(Key, KeyState.Disabled);
        keys.RotationEnabled.Clear();

        var report = await AuditAsync();

        Assert.Equal(["KEY-ENABLED", "KEY-ROTATION"], report.Instances[0].AllFindings.Select(f => f.RuleId).Order(StringComparer.Ordinal));
        Assert.Equal(Severity.Critical, report.Worst);
    }

    [Fact]
    public async Task Audit_WhenARuleIsOff_ShouldLeaveItsFindingsOut()
    {
        keys.RotationEnabled.Clear();

        var report = await AuditAsync(GuardConfiguration.Defaults with { RuleModes = new Dictionary<string, RuleMode>(StringComparer.Ordinal) { ["KEY-ROTATION"] = RuleMode.Off } });

        Assert.Empty(report.Instances[0].AllFindings);
    }

    [Fact]
    public async Task Audit_WhenIdentityCenterUsesAnAwsOwnedKey_ShouldFollowTheConfiguration()
    {
        identityCenter.Encryption = EncryptionConfiguration.AwsOwned;

        var required = await AuditAsync(GuardConfiguration.Defaults with { RequireCustomerManagedKey = true });
        var allowed = await AuditAsync(GuardConfiguration.Defaults with { RequireCustomerManagedKey = false });

        Assert.Equal("IDC-ENCRYPTION-APPROVED", Assert.Single(required.Instances[0].Findings).RuleId);
        Assert.Empty(allowed.Instances[0].AllFindings);
        Assert.Contains("AWS owned key", Assert.Single(allowed.Instances[0].Notes), StringComparison.Ordinal);
        Assert.Empty(allowed.Instances[0].Keys);
    }

    [Fact]
    public async Task Audit_WhenTheLastSwitchFailed_ShouldReportTheReason()
    {
        identityCenter.Encryption = identityCenter.Encryption with { Status = EncryptionStatus.UpdateFailed, StatusReason = "KMS_AccessDeniedException: sso may not use the key" };

        var report = await AuditAsync();

        var finding = Assert.Single(report.Instances[0].Findings);
        Assert.Equal("IDC-ENCRYPTION-STATUS", finding.RuleId);
        Assert.Contains("KMS_AccessDeniedException", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WhenTheCallerMayNotReadThePolicy_ShouldSayWhatWasNotChecked()
    {
        keys.DeniedOperations.Add("GetKeyPolicy");

        var report = await AuditAsync();

        var finding = Assert.Single(report.Instances[0].AllFindings);
        Assert.Equal("GUARD-ACCESS", finding.RuleId);
        Assert.Contains("GetKeyPolicy", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WhenTheReplicaRegionCannotBeReached_ShouldSayItWasNotCheckedAndStillJudgeThePrimary()
    {
        AddReplica(KeyState.Enabled, Baseline);
        keys.UnreachableRegions.Add(Replica.Region);
        keys.SetState(Key, KeyState.Disabled);

        var report = await AuditAsync();

        var instance = Assert.Single(report.Instances);
        Assert.Equal("KEY-ENABLED", Assert.Single(instance.Keys[0].Findings).RuleId);
        var notChecked = Assert.Single(instance.Keys[1].Findings);
        Assert.Equal("GUARD-ACCESS", notChecked.RuleId);
        Assert.Contains("UnrecognizedClientException", notChecked.Message, StringComparison.Ordinal);
    }

    private void AddReplica(KeyState state, string policy)
    {
        identityCenter.AdditionalRegions.Add(Replica.Region);
        keys.Add(Replica, state, policy);
        keys.Update(Replica, k => k with { MultiRegionRole = MultiRegionRole.Replica });
    }
}
