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
}
