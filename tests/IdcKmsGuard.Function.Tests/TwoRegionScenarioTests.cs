using System.Text.Json;
using Amazon.KeyManagementService.Model;
using IdcKmsGuard.Core.Metrics;

namespace IdcKmsGuard.Function.Tests;

/// <summary>
/// Identity Center in us-east-1 and eu-west-1 on the stand-in, the key replicated to eu-west-1: the sweep and a
/// forwarded event, through the function's handler and the real clients (one per Region).
/// </summary>
public sealed class TwoRegionScenarioTests
{
    private const string ReplicaRegion = "eu-west-1";

    [Fact]
    public async Task Sweep_WhenTheReplicaPolicyInTheSecondRegionIsBroken_ShouldRepairItThereAndAlertOnce()
    {
        var rig = GuardRig.InTwoRegions(ReplicaRegion);
        var replica = rig.Seeded.ReplicaKeyArns![0];
        using var kms = rig.KmsIn(ReplicaRegion);
        var rootOnly = $$"""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{rig.Account.AccountId}}:root"},"Action":"kms:*","Resource":"*"}]}""";
        await kms.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = replica, PolicyName = "default", Policy = rootOnly });

        var first = await rig.InvokeAsync(rig.Event("scheduled-event.json"));
        var second = await rig.InvokeAsync(rig.Event("scheduled-event.json", json => json.Replace("7bf73129-1428-4cd3-a780-95db273d1602", "next-sweep", StringComparison.Ordinal)));

        Assert.Equal(("Sweep", "Alerted"), (first.GetProperty("trigger").GetString(), first.GetProperty("disposition").GetString()));
        Assert.Equal("Healthy", second.GetProperty("disposition").GetString());
        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal(("KEY-POLICY-HEALTHY", "fixed"), (alert.Rule, alert.Outcome));
        Assert.Equal(replica, alert.Document.GetProperty("key").GetProperty("arn").GetString());
        var repaired = (await kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = replica, PolicyName = "default" })).Policy;
        Assert.Contains("sso.amazonaws.com", repaired, StringComparison.Ordinal);

        var metrics = rig.MetricLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(2, metrics.Count(m => m.TryGetProperty(EmbeddedMetrics.SweepsCompleted, out _)));
        Assert.Contains(metrics, m => m.TryGetProperty("Remediations", out _) && m.GetProperty("Outcome").GetString() == "fixed");
    }

    [Fact]
    public async Task Handle_WhenAForwardedEventFromTheSecondRegionDisabledTheReplica_ShouldEnableItThere()
    {
        var rig = GuardRig.InTwoRegions(ReplicaRegion);
        var replica = rig.Seeded.ReplicaKeyArns![0];
        using var kms = rig.KmsIn(ReplicaRegion);
        await kms.DisableKeyAsync(new DisableKeyRequest { KeyId = replica });

        // What the forwarder stack delivers: the replica Region's event, unchanged, on the guard's bus.
        var response = await rig.InvokeAsync(rig.Event("kms-disable-key.json", json => json.Replace("us-east-1", ReplicaRegion, StringComparison.Ordinal)));

        Assert.Equal("Alerted", response.GetProperty("disposition").GetString());
        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal(("KEY-ENABLED", "fixed"), (alert.Rule, alert.Outcome));
        Assert.Equal(replica, alert.Document.GetProperty("key").GetProperty("arn").GetString());
        Assert.Equal("Enabled", (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = replica })).KeyMetadata.KeyState.Value);
        Assert.Equal("Enabled", await rig.KeyStateAsync());
    }

    [Fact]
    public async Task Handle_WhenARegionIsAddedWithoutAReplica_ShouldAlertKeyReplicaCritical()
    {
        var rig = GuardRig.InTwoRegions(ReplicaRegion);
        rig.Account.Boto3("sso-admin", rig.Account.Region, "add_region", JsonSerializer.Serialize(new Dictionary<string, string> { ["InstanceArn"] = rig.Seeded.InstanceArn, ["RegionName"] = "ap-southeast-2" }));

        await rig.InvokeAsync(rig.Event("sso-add-region.json", json => json.Replace("\"eu-west-1\"", "\"ap-southeast-2\"", StringComparison.Ordinal)));

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal(("KEY-REPLICA", "critical"), (alert.Rule, alert.Document.GetProperty("severity").GetString()));
    }
}
