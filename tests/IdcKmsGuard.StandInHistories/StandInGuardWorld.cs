using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SQS;
using Amazon.SQS.Model;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Tests.Memory;
using IdcKmsGuard.Testing;
using KeyState = IdcKmsGuard.Core.Keys.KeyState;

namespace IdcKmsGuard.StandInHistories;

/// <summary>
/// A history's world on the stand-in: an account of its own seeded as infra/local/seed.py does (Identity Center on a
/// guarded multi-Region key with the documented baseline, the alert topic with an SQS subscriber, the state table,
/// the configuration parameter), and the published bootstrap behind a local Lambda. People's changes are real KMS
/// calls; the guard's are read back from KMS. The clock is the real one: every step starts a little later.
/// </summary>
internal sealed class StandInGuardWorld : IGuardWorld
{
    private const string SuspendTag = "idckmsguard:suspend-until";

    private readonly SeededAccount seeded;
    private readonly AmazonKeyManagementServiceClient kms;
    private readonly AmazonSimpleSystemsManagementClient ssm;
    private readonly AmazonSQSClient sqs;
    private readonly LocalLambda lambda;
    private string policyText;
    private bool rotation = true;
    private int sweeps;

    public StandInGuardWorld(string bootstrap, string logDirectory)
    {
        var account = TestAccount.Create();
        seeded = account.Seed(multiRegion: true);
        var endpoint = TestAccount.Moto.Endpoint.ToString();
        kms = new AmazonKeyManagementServiceClient(account.Credentials, new AmazonKeyManagementServiceConfig { ServiceURL = endpoint, AuthenticationRegion = seeded.Region });
        ssm = new AmazonSimpleSystemsManagementClient(account.Credentials, new AmazonSimpleSystemsManagementConfig { ServiceURL = endpoint, AuthenticationRegion = seeded.Region });
        sqs = new AmazonSQSClient(account.Credentials, new AmazonSQSConfig { ServiceURL = endpoint, AuthenticationRegion = seeded.Region });
        policyText = Call(kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = seeded.KeyArn, PolicyName = "default" })).Policy;
        Policies = new PolicyTexts(policyText);
        GuardRoleArn = $"arn:aws:iam::{seeded.Account}:role/idckmsguard-GuardFunctionRole";
        var environment = new Dictionary<string, string>(account.ProcessEnvironment(), StringComparer.Ordinal)
        {
            ["ALERT_TOPIC_ARN"] = seeded.TopicArn,
            ["REMEDIATION_MODE"] = "remediate",
            ["GUARD_ROLE_ARN"] = GuardRoleArn,
            ["STATE_TABLE"] = seeded.StateTable,
            ["CONFIGURATION_PARAMETER"] = seeded.ConfigurationParameter,
            ["FOLLOW_UP_QUEUE_URL"] = seeded.FollowUpQueueUrl,
            ["DELIVERY_ATTEMPTS"] = "3",
            ["POWERTOOLS_SERVICE_NAME"] = "idckmsguard",
        };
        lambda = new LocalLambda(bootstrap, environment, Path.Combine(logDirectory, $"{seeded.Account}.log"));
    }

    public string KeyArn => seeded.KeyArn;

    public string Account => seeded.Account;

    public PolicyTexts Policies { get; }

    public string GuardRoleArn { get; }

    public bool CanAdvanceTime => false;

    public DateTimeOffset Now { get; private set; } = Milliseconds(TimeProvider.System.GetUtcNow());

    public void NextStep()
    {
        Thread.Sleep(2);
        Now = Milliseconds(TimeProvider.System.GetUtcNow());
    }

    public void Advance(TimeSpan span) => throw new NotSupportedException("The stand-in runs on the real clock: its histories let no time pass.");

    public void SetKey(KeyFacts key)
    {
        var current = ReadKey();
        if (key.State != current.State)
        {
            ChangeState(current.State, key.State);
        }

        if (key.Policy != current.Policy)
        {
            Call(kms.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = KeyArn, PolicyName = "default", Policy = Policies.Text(key.Policy) }));
        }

        if (key.RotationOn != current.RotationOn)
        {
            _ = key.RotationOn
                ? Call(kms.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = KeyArn }))
                : (object)Call(kms.DisableKeyRotationAsync(new DisableKeyRotationRequest { KeyId = KeyArn }));
        }

        Tag(GuardedKeyTag.Key, key.Guarded ? GuardedKeyTag.Value : null);
        Tag(SuspendTag, key.SuspendedUntil?.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }

    public KeyFacts ReadKey()
    {
        var state = Enum.Parse<KeyState>(Call(kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = KeyArn })).KeyMetadata.KeyState.Value);
        policyText = Call(kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = KeyArn, PolicyName = "default" })).Policy;
        if (state != KeyState.PendingDeletion)
        {
            rotation = Call(kms.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = KeyArn })).KeyRotationEnabled ?? false;
        }

        var tags = Call(kms.ListResourceTagsAsync(new ListResourceTagsRequest { KeyId = KeyArn })).Tags.ToDictionary(t => t.TagKey, t => t.TagValue, StringComparer.Ordinal);
        return new KeyFacts(
            state,
            Policies.KindOf(policyText),
            rotation,
            GuardedKeyTag.IsMarked(tags),
            tags.TryGetValue(SuspendTag, out var until) ? DateTimeOffset.Parse(until, CultureInfo.InvariantCulture) : null);
    }

    // The function caches its configuration for a minute: a new sandbox reads the new version at once.
    public void Configure(string document)
    {
        Call(ssm.PutParameterAsync(new Amazon.SimpleSystemsManagement.Model.PutParameterRequest
        {
            Name = seeded.ConfigurationParameter,
            Value = document,
            Type = ParameterType.String,
            Overwrite = true,
        }));
        lambda.Recycle();
    }

    public IReadOnlyList<GuardCall> Deliver(string record) => Invoke(record);

    public IReadOnlyList<GuardCall> Sweep()
    {
        var sweep = JsonNode.Parse(File.ReadAllText(RepoPaths.EventFile("scheduled-event.json")))!;
        sweep["id"] = $"sweep-{++sweeps}-{Guid.NewGuid():N}";
        sweep["time"] = Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        sweep["account"] = Account;
        return Invoke(sweep.ToJsonString());
    }

    public IReadOnlyList<SentAlert> TakeAlerts()
    {
        var alerts = new List<SentAlert>();
        while (Call(sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = seeded.QueueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 }))
            .Messages is { Count: > 0 } messages)
        {
            foreach (var message in messages)
            {
                alerts.Add(SentAlert.Read((string)JsonNode.Parse(message.Body)!["Message"]!));
                Call(sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = seeded.QueueUrl, ReceiptHandle = message.ReceiptHandle }));
            }
        }

        return alerts;
    }

    public void Dispose()
    {
        lambda.Dispose();
        kms.Dispose();
        ssm.Dispose();
        sqs.Dispose();
    }

    private static DateTimeOffset Milliseconds(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static T Call<T>(Task<T> call) => call.GetAwaiter().GetResult();

    // What the guard changed, read back from KMS: CloudTrail would record these calls, and the guard's rules deliver
    // them back to it.
    private List<GuardCall> Invoke(string payload)
    {
        var before = ReadKey();
        var beforePolicy = policyText;
        if (!lambda.InvokeAsynchronously(payload))
        {
            throw new InvalidOperationException($"Every delivery of the event failed; Lambda would dead-letter it: {payload}");
        }

        var after = ReadKey();
        var calls = new List<GuardCall>();
        if (before.State == KeyState.PendingDeletion && after.State != KeyState.PendingDeletion)
        {
            calls.Add(new GuardCall("CancelKeyDeletion", null));
        }

        if (before.State != KeyState.Enabled && after.State == KeyState.Enabled)
        {
            calls.Add(new GuardCall("EnableKey", null));
        }

        if (policyText != beforePolicy)
        {
            calls.Add(new GuardCall("PutKeyPolicy", policyText));
        }

        return calls;
    }

    private void ChangeState(KeyState from, KeyState to)
    {
        if (from == KeyState.PendingDeletion)
        {
            Call(kms.CancelKeyDeletionAsync(new CancelKeyDeletionRequest { KeyId = KeyArn }));
            from = KeyState.Disabled;
        }

        _ = to switch
        {
            KeyState.Enabled when from != KeyState.Enabled => (object)Call(kms.EnableKeyAsync(new EnableKeyRequest { KeyId = KeyArn })),
            KeyState.Disabled when from != KeyState.Disabled => Call(kms.DisableKeyAsync(new DisableKeyRequest { KeyId = KeyArn })),
            KeyState.PendingDeletion => Call(kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = KeyArn, PendingWindowInDays = 7 })),
            _ => string.Empty,
        };
    }

    private void Tag(string tagKey, string? value) =>
        _ = value is null
            ? (object)Call(kms.UntagResourceAsync(new UntagResourceRequest { KeyId = KeyArn, TagKeys = [tagKey] }))
            : Call(kms.TagResourceAsync(new TagResourceRequest { KeyId = KeyArn, Tags = [new Tag { TagKey = tagKey, TagValue = value }] }));
}
