using System.Xml;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Http;

namespace IdcKmsGuard.Aws.Sns;

/// <summary>
/// SNS Publish and GetTopicAttributes over the query protocol, in place of AWSSDK.SimpleNotificationService (not served by our
/// package source). Swapping in the SDK later means replacing this class only.
/// </summary>
public sealed class SnsClient(AwsHttpClient http, string region)
{
    public async Task<string> PublishAsync(SnsPublishRequest request, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(Serialize(request), QueryErrorReader.Instance, cancellationToken).ConfigureAwait(false);
        return ReadMessageId(response.Body)
            ?? throw new InvalidOperationException("SNS Publish answered without a MessageId.");
    }

    /// <returns>The topic's attributes by name (Owner, KmsMasterKeyId, SubscriptionsConfirmed, ...).</returns>
    public async Task<IReadOnlyDictionary<string, string>> GetTopicAttributesAsync(string topicArn, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(SerializeGetTopicAttributes(topicArn), QueryErrorReader.Instance, cancellationToken).ConfigureAwait(false);
        return ReadAttributes(response.Body);
    }

    internal AwsHttpRequest SerializeGetTopicAttributes(string topicArn)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Action", "GetTopicAttributes"), new("Version", "2010-03-31"), new("TopicArn", topicArn) };
        return new AwsHttpRequest(AwsService.Sns, "GetTopicAttributes", region, FormEncoder.Encode(fields), FormEncoder.ContentType, [], topicArn);
    }

    internal AwsHttpRequest Serialize(SnsPublishRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Action", "Publish"),
            new("Version", "2010-03-31"),
            new("TopicArn", request.TopicArn),
            new("Message", request.Message),
        };
        if (request.Subject is not null)
        {
            fields.Add(new("Subject", request.Subject));
        }

        if (request.MessageStructure is not null)
        {
            fields.Add(new("MessageStructure", request.MessageStructure));
        }

        var index = 0;
        foreach (var (name, value) in request.StringAttributes ?? [])
        {
            var prefix = $"MessageAttributes.entry.{++index}";
            fields.Add(new($"{prefix}.Name", name));
            fields.Add(new($"{prefix}.Value.DataType", "String"));
            fields.Add(new($"{prefix}.Value.StringValue", value));
        }

        return new AwsHttpRequest(AwsService.Sns, "Publish", region, FormEncoder.Encode(fields), FormEncoder.ContentType, [], request.TopicArn);
    }

    private static string? ReadMessageId(byte[] body)
    {
        using var reader = Read(body);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "MessageId")
            {
                return reader.ReadElementContentAsString();
            }
        }

        return null;
    }

    // <Attributes><entry><key>K</key><value>V</value></entry>...</Attributes>
    private static Dictionary<string, string> ReadAttributes(byte[] body)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = Read(body);
        string? key = null;
        reader.Read();
        while (!reader.EOF)
        {
            // ReadElementContentAsString moves past the element: only other nodes need a Read.
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "key")
            {
                key = reader.ReadElementContentAsString();
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "value" && key is not null)
            {
                attributes[key] = reader.ReadElementContentAsString();
                key = null;
            }
            else
            {
                reader.Read();
            }
        }

        return attributes;
    }

    private static XmlReader Read(byte[] body) =>
        XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
}
