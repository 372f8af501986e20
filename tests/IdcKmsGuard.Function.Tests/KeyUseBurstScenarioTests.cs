using System.Text.Json;
using Amazon.KeyManagementService.Model;

namespace IdcKmsGuard.Function.Tests;

/// <summary>
/// Refused calls of Identity Center arrive as SQS batches from the burst queue: the first batch re-reads and repairs
/// the key and alerts once, later batches are counted; a message that is no event goes back to SQS on its own.
/// </summary>
public sealed class KeyUseBurstScenarioTests
{
    [Fact]
    public async Task KeyUseBatches_WhenTheKeyIsDisabled_ShouldRepairItAlertOnceAndCountTheRest()
    {
        var rig = new GuardRig();
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });

        var first = await rig.InvokeAsync(Batch(rig, 0, 50, withGarbage: true));
        var second = await rig.InvokeAsync(Batch(rig, 50, 50, withGarbage: false));

        Assert.Equal(["garbage"], Failed(first));
        Assert.Empty(Failed(second));
        Assert.Equal("Enabled", await rig.KeyStateAsync());
        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal(("KEY-ENABLED", "fixed"), (alert.Rule, alert.Outcome));
        var refused = alert.Document.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "KEY-USE-FAILING");
        Assert.Contains("In all, 50 calls failed since", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static string Batch(GuardRig rig, int from, int count, bool withGarbage)
    {
        var records = Enumerable.Range(from, count).Select(i => new
        {
            messageId = $"refusal-{i}",
            body = rig.Event("kms-decrypt-by-identity-center-failed.json", json => json
                .Replace("7f1d9a3b-0000-4000-9000-000000000031", $"7f1d9a3b-0000-4000-9000-{i:D12}", StringComparison.Ordinal)
                .Replace("0c4a2f1e-0000-4000-8000-000000000031", $"0c4a2f1e-0000-4000-8000-{i:D12}", StringComparison.Ordinal)),
            eventSource = "aws:sqs",
        }).ToList();
        if (withGarbage)
        {
            records.Add(new { messageId = "garbage", body = "{\"detail\": 42}", eventSource = "aws:sqs" });
        }

        return JsonSerializer.Serialize(new { Records = records });
    }

    private static List<string?> Failed(JsonElement response) =>
        [.. response.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString())];
}
