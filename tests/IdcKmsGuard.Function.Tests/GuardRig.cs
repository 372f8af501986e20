using System.Text.Json;
using Amazon.KeyManagementService;
using Amazon.SQS;
using Amazon.SQS.Model;
using IdcKmsGuard.Aws.Composition;
using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Aws.SsoAdmin;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Lambda.Runtime;
using IdcKmsGuard.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdcKmsGuard.Function.Tests;

/// <summary>
/// The function's handler, composed exactly as Program.cs does, over a freshly seeded account on the stand-in;
/// plus the AWS clients a test uses to make real changes and to read what the alert subscriber received.
/// </summary>
internal sealed class GuardRig
{
    public const string GuardRoleArn = "arn:aws:iam::111122223333:role/idckmsguard-GuardFunctionRole";
    private const string PlaceholderKeyId = "mrk-1234abcd12ab34cd56ef1234567890ab";
    private const string PlaceholderInstance = "arn:aws:sso:::instance/ssoins-1111222233334444";

    /// <param name="configuration">The configuration document put in the seeded SSM parameter before the guard starts.</param>
    /// <param name="maySwitchEncryption">The deployment's EncryptionRemediation=enabled, with the seeded key as its SwitchTargetKeys.</param>
    public GuardRig(bool remediate = true, string? topicArn = null, string? configuration = null, bool maySwitchEncryption = false)
        : this(TestAccount.Create(), null, remediate, topicArn, configuration, maySwitchEncryption)
    {
    }

    /// <summary>Identity Center in the account's Region and in <paramref name="replicaRegion"/>, with the key replicated there.</summary>
    public static GuardRig InTwoRegions(string replicaRegion)
    {
        var account = TestAccount.Create();
        return new GuardRig(account, account.Seed(true, replicaRegion), true, null, null);
    }

    /// <param name="configurationFor">The configuration document for the fresh account's id.</param>
    public GuardRig(Func<string, string> configurationFor)
        : this(TestAccount.Create(), configurationFor)
    {
    }

    private GuardRig(TestAccount account, Func<string, string> configurationFor)
        : this(account, null, true, null, configurationFor(account.AccountId))
    {
    }

    /// <summary>The deployment's SecurityHubFindings=enabled and AlertEvents=enabled (the default bus).</summary>
    public static GuardRig WithIncidentFeeds(bool remediate) => new(TestAccount.Create(), null, remediate, null, null, feeds: true);

    private GuardRig(
        TestAccount account, SeededAccount? seeded, bool remediate, string? topicArn, string? configuration, bool maySwitchEncryption = false, bool feeds = false)
    {
        Account = account;
        Seeded = seeded ?? Account.Seed();
        remediation = remediate;
        var endpoint = TestAccount.Moto.Endpoint.ToString();
        if (configuration is not null)
        {
            PutConfigurationAsync(configuration).GetAwaiter().GetResult();
        }

        Kms = new AmazonKeyManagementServiceClient(Account.Credentials, new AmazonKeyManagementServiceConfig { ServiceURL = endpoint, AuthenticationRegion = Account.Region });
        Sqs = new AmazonSQSClient(Account.Credentials, new AmazonSQSConfig { ServiceURL = endpoint, AuthenticationRegion = Account.Region });
        SsoAdmin = new SsoAdminClient(Account.HttpClient(), Account.Region);
        var guardRole = GuardRoleArn.Replace("111122223333", Account.AccountId, StringComparison.Ordinal);
        var deployment = new GuardDeployment(Account.Region, topicArn ?? Seeded.TopicArn, new GuardOptions(remediate, guardRole)
        {
            MaySwitchEncryption = maySwitchEncryption,
            SwitchTargets = maySwitchEncryption ? [Core.Keys.KeyArn.Parse(Seeded.KeyArn)] : [],
        })
        {
            ConfigurationParameter = Seeded.ConfigurationParameter,
            StateTable = Seeded.StateTable,
            FollowUpQueueUrl = Seeded.FollowUpQueueUrl,

            // Re-checks without the standard delays, so that a test can take them from the queue at once.
            FollowUpSchedule = new Core.FollowUps.FollowUpSchedule([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero]),
            SecurityHubFindings = feeds,
            AlertEventBus = feeds ? "default" : null,
        };

        var guard = AwsGuardFactory.Create(deployment, new SdkCredentialSource(Account.Credentials), Account.Endpoints, TimeProvider.System, NullLogger.Instance);
        this.guard = guard;
        Handler = new GuardHandler(guard, NullLogger.Instance, TimeProvider.System, MetricLines.Add);
    }

    private readonly bool remediation;
    private readonly Core.Guarding.Guard guard;

    /// <summary>The Embedded Metric Format lines the handler wrote, in order.</summary>
    public List<string> MetricLines { get; } = [];

    /// <summary>A KMS client for another Region of the account (a replica's).</summary>
    public AmazonKeyManagementServiceClient KmsIn(string region) =>
        new(Account.Credentials, new AmazonKeyManagementServiceConfig { ServiceURL = TestAccount.Moto.Endpoint.ToString(), AuthenticationRegion = region });

    public TestAccount Account { get; }

    public SeededAccount Seeded { get; }

    public AmazonKeyManagementServiceClient Kms { get; }

    public AmazonSQSClient Sqs { get; }

    public SsoAdminClient SsoAdmin { get; }

    public GuardHandler Handler { get; private set; }

    /// <summary>The follow-up queue's ARN in the batches <see cref="FollowUpBatchAsync"/> builds.</summary>
    public string FollowUpQueueArn => $"arn:aws:sqs:{Account.Region}:{Account.AccountId}:idckmsguard-follow-ups";

    /// <summary>From now on the handler takes SQS batches only from these queues (the deployment's OWN_QUEUE_ARNS).</summary>
    public void TakeBatchesOnlyFrom(params string[] queueArns) =>
        Handler = new GuardHandler(guard, NullLogger.Instance, TimeProvider.System, MetricLines.Add, ownQueues: queueArns.ToHashSet(StringComparer.Ordinal));

    /// <summary>A second guard on the same account and state table (the next invocation), publishing to <paramref name="topicArn"/>.</summary>
    public GuardRig WithTopic(string topicArn) => new(Account, Seeded, remediation, topicArn, null);

    /// <summary>Puts a configuration document in the SSM parameter; the guard reads it at its first event.</summary>
    public async Task PutConfigurationAsync(string configuration)
    {
        using var ssm = new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementClient(Account.Credentials, new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementConfig { ServiceURL = TestAccount.Moto.Endpoint.ToString(), AuthenticationRegion = Account.Region });
        await ssm.PutParameterAsync(new Amazon.SimpleSystemsManagement.Model.PutParameterRequest { Name = Seeded.ConfigurationParameter, Value = configuration, Type = "String", Overwrite = true });
    }

    /// <summary>Deletes the configuration parameter, as an insider with ssm:DeleteParameter could.</summary>
    public async Task DeleteConfigurationAsync()
    {
        using var ssm = new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementClient(Account.Credentials, new Amazon.SimpleSystemsManagement.AmazonSimpleSystemsManagementConfig { ServiceURL = TestAccount.Moto.Endpoint.ToString(), AuthenticationRegion = Account.Region });
        await ssm.DeleteParameterAsync(new Amazon.SimpleSystemsManagement.Model.DeleteParameterRequest { Name = Seeded.ConfigurationParameter });
    }

    public string Event(string file, Func<string, string>? edit = null)
    {
        var json = File.ReadAllText(RepoPaths.EventFile(file))
            .Replace(PlaceholderKeyId, Seeded.KeyId, StringComparison.Ordinal)
            .Replace(PlaceholderInstance, Seeded.InstanceArn, StringComparison.Ordinal)
            .Replace("111122223333", Account.AccountId, StringComparison.Ordinal);
        return edit is null ? json : edit(json);
    }

    public async Task<JsonElement> InvokeAsync(string eventJson)
    {
        var invocation = new LambdaInvocation(Guid.NewGuid().ToString(), DateTimeOffset.MaxValue, "arn:aws:lambda:us-east-1:111122223333:function:guard", null, System.Text.Encoding.UTF8.GetBytes(eventJson));
        var response = await Handler.HandleAsync(invocation, CancellationToken.None);
        return JsonDocument.Parse(response).RootElement.Clone();
    }

    public async Task<string> KeyStateAsync() =>
        (await Kms.DescribeKeyAsync(new Amazon.KeyManagementService.Model.DescribeKeyRequest { KeyId = Seeded.KeyArn })).KeyMetadata.KeyState.Value;

    /// <summary>The follow-ups the guard put on its queue, as the batch Lambda's SQS poller would invoke it with.</summary>
    public async Task<string?> FollowUpBatchAsync()
    {
        var messages = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = Seeded.FollowUpQueueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
        if (messages.Messages is not { Count: > 0 } received)
        {
            return null;
        }

        foreach (var message in received)
        {
            await Sqs.DeleteMessageAsync(Seeded.FollowUpQueueUrl, message.ReceiptHandle);
        }

        var records = received.Select(m => new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["messageId"] = m.MessageId,
            ["receiptHandle"] = m.ReceiptHandle,
            ["body"] = m.Body,
            ["attributes"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["ApproximateReceiveCount"] = "1" },
            ["messageAttributes"] = new Dictionary<string, string>(StringComparer.Ordinal),
            ["md5OfBody"] = m.MD5OfBody,
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = FollowUpQueueArn,
            ["awsRegion"] = Account.Region,
        });
        return JsonSerializer.Serialize(new Dictionary<string, object>(StringComparer.Ordinal) { ["Records"] = records.ToList() });
    }

    /// <summary>GUARD-CONFIG-CHANGED alerts received so far: a configuration a test puts is announced once, apart
    /// from the alerts the test is about.</summary>
    public List<ReceivedAlert> ConfigurationAnnouncements { get; } = [];

    /// <summary>Alerts the topic's SQS subscriber received (configuration announcements go to <see cref="ConfigurationAnnouncements"/>).</summary>
    public async Task<IReadOnlyList<ReceivedAlert>> ReceivedAlertsAsync(int waitSeconds = 2)
    {
        var received = new List<ReceivedAlert>();
        var messages = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = Seeded.QueueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = waitSeconds });
        foreach (var message in messages.Messages ?? [])
        {
            using var envelope = JsonDocument.Parse(message.Body);
            var attributes = envelope.RootElement.GetProperty("MessageAttributes").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.GetProperty("Value").GetString()!, StringComparer.Ordinal);
            var alert = new ReceivedAlert(
                envelope.RootElement.GetProperty("Subject").GetString()!,
                JsonDocument.Parse(envelope.RootElement.GetProperty("Message").GetString()!).RootElement.Clone(),
                attributes);
            (alert.Rule == "GUARD-CONFIG-CHANGED" ? ConfigurationAnnouncements : received).Add(alert);
        }

        return received;
    }
}

internal sealed record ReceivedAlert(string Subject, JsonElement Document, IReadOnlyDictionary<string, string> Attributes)
{
    public string Rule => Document.GetProperty("rule").GetString()!;

    public string Outcome => Document.GetProperty("outcome").GetString()!;
}
