using System.Text.Json;
using IdcKmsGuard.Aws.Sns;
using IdcKmsGuard.Aws.Tests.Support;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Aws.Tests.Sns;

public sealed class SnsAlertPublisherTests
{
    private static readonly RenderedAlert Alert = new(
        Subject: "[CRITICAL] IdcKmsGuard: the Identity Center key was disabled",
        ShortText: "[CRITICAL] The Identity Center key was disabled\nBy: alice\n",
        EmailText: "The key was disabled by alice.\n\nNext: re-enable it.\n",
        Json: """{"schema":"idckmsguard.alert/1","severity":"critical","rule":"key-disabled","note":"Schlüssel <&> \"quoted\" 🔑"}""",
        Attributes: new Dictionary<string, string>(StringComparer.Ordinal) { ["severity"] = "critical", ["rule"] = "key-disabled", ["outcome"] = "remediated" });

    private static readonly string[] MachineProtocols = ["email-json", "sqs", "lambda", "http", "https"];

    [Fact]
    public async Task PublishAsync_WhenTopicHasSqsSubscriber_ShouldDeliverTheJsonDocumentAndAttributes()
    {
        var account = TestAccount.Create();
        var seeded = account.Seed();
        using var inbox = new SqsInbox(account, seeded);
        var publisher = new SnsAlertPublisher(new SnsClient(account.HttpClient(), account.Region), seeded.TopicArn);

        var messageId = await publisher.PublishAsync(Alert, CancellationToken.None);

        var envelope = await inbox.ReceiveSingleAsync();
        Assert.Equal(messageId, envelope.GetProperty("MessageId").GetString());
        Assert.Equal(Alert.Json, envelope.GetProperty("Message").GetString());
        Assert.Equal(Alert.Subject, envelope.GetProperty("Subject").GetString());
        Assert.Equal(
            new Dictionary<string, string> { ["severity"] = "String:critical", ["rule"] = "String:key-disabled", ["outcome"] = "String:remediated" },
            SqsInbox.Attributes(envelope));
    }

    [Fact]
    public async Task PublishAsync_WhenTheAlertCarriesAHugeDiff_ShouldBeTrimmedSoSnsAcceptsIt()
    {
        var account = TestAccount.Create();
        var seeded = account.Seed();
        using var inbox = new SqsInbox(account, seeded);
        var publisher = new SnsAlertPublisher(new SnsClient(account.HttpClient(), account.Region), seeded.TopicArn);
        var huge = HugeAlert();
        var rendered = AlertRenderer.Render(huge);
        Assert.True(publisher.ToRequest(RenderUntrimmed(huge)).Message.Length > AlertSize.SnsMaxBytes, "the sample must be over the limit untrimmed");

        await publisher.PublishAsync(rendered, CancellationToken.None);

        var envelope = await inbox.ReceiveSingleAsync();
        Assert.Contains("\"trimmed\":true", envelope.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    // The sweep's check of its own channel, through the same client the guard publishes with.
    [Fact]
    public async Task DescribeAsync_ShouldCountConfirmedSubscriptionsAndSayWhenTheTopicIsGone()
    {
        var account = TestAccount.Create();
        var seeded = account.Seed();
        var sns = new SnsClient(account.HttpClient(), account.Region);

        var channel = await new SnsAlertPublisher(sns, seeded.TopicArn).DescribeAsync(CancellationToken.None);
        var gone = await Assert.ThrowsAsync<Core.Errors.AwsCallException>(
            () => new SnsAlertPublisher(sns, seeded.TopicArn + "-deleted").DescribeAsync(CancellationToken.None));

        Assert.Equal(new Core.Ports.AlertChannel(seeded.TopicArn, null, 1), channel);
        Assert.Equal("NotFound", gone.ErrorCode);
    }

    [Fact]
    public void ToRequest_WhenChatbotIsOn_ShouldGiveHttpsTheChatbotFormatAndKeepTheDocumentElsewhere()
    {
        var request = new SnsAlertPublisher(null!, "arn:aws:sns:us-east-1:111122223333:t").ToRequest(Alert with { Chatbot = """{"version":"1.0","source":"custom"}""" });

        using var structure = JsonDocument.Parse(request.Message);
        Assert.Equal("""{"version":"1.0","source":"custom"}""", structure.RootElement.GetProperty("https").GetString());
        Assert.Equal(Alert.Json, structure.RootElement.GetProperty("sqs").GetString());
    }

    [Fact]
    public void ToRequest_WhenAlertIsRendered_ShouldGiveEachProtocolItsText()
    {
        var request = new SnsAlertPublisher(null!, "arn:aws:sns:us-east-1:111122223333:t").ToRequest(Alert);

        using var structure = JsonDocument.Parse(request.Message);
        var texts = structure.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString(), StringComparer.Ordinal);
        Assert.Equal(Alert.ShortText, texts["default"]);
        Assert.Equal(Alert.EmailText, texts["email"]);
        Assert.All(MachineProtocols, protocol => Assert.Equal(Alert.Json, texts[protocol]));
        Assert.Equal(("json", Alert.Subject), (request.MessageStructure, request.Subject));
    }

    private static Alert HugeAlert() => new()
    {
        Severity = Severity.Critical,
        RuleId = "KEY-POLICY-HEALTHY",
        Outcome = AlertOutcome.Fixed,
        Headline = "Identity Center key policy locked it out; the guard repaired it",
        WhatHappened = "A huge change.",
        Event = new AlertEvent("PutKeyPolicy", "kms.amazonaws.com", "KeyPolicyChanged", "evt-huge", null, "us-east-1", "111122223333", true, null, null, new AlertActor("IAMUser", "arn:aws:iam::111122223333:user/Alice", "111122223333", null, null, null)),
        KeyArn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab",
        KeyRegion = "us-east-1",
        KeyStateBefore = "Enabled",
        KeyStateAfter = "Enabled",
        DetectedAt = DateTimeOffset.UnixEpoch,
        PolicyDiff =
        [
            .. Enumerable.Range(0, 5_000)
                .Select(i => $"+ statement #{i}: Allow arn:aws:iam::111122223333:role/SomeRoleWithALongName{i} kms:Decrypt, kms:Encrypt"),
        ],
    };

    // The same alert rendered without the size budget, to prove the sample needs trimming.
    private static RenderedAlert RenderUntrimmed(Alert alert) => new(
        "s", "short", string.Join("\n", alert.PolicyDiff), string.Join("\n", alert.PolicyDiff), new Dictionary<string, string>(StringComparer.Ordinal));
}
