using System.Xml;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Http;

namespace IdcKmsGuard.Aws.Sns;

/// <summary>
/// SNS Publish over the query protocol, in place of AWSSDK.SimpleNotificationService (not served by our
/// package source). Swapping in the SDK later means replacing this class only.
/// </summary>
public sealed class SnsClient(AwsHttpClient http, string region)
{
    public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    public async Task<string> PublishAsync(SnsPublishRequest request, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(Serialize(request), QueryErrorReader.Instance, cancellationToken).ConfigureAwait(false);
        return ReadMessageId(response.Body)
            ?? throw new InvalidOperationException("SNS Publish answered without a MessageId.");
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

        return new AwsHttpRequest(AwsService.Sns, "Publish", region, FormEncoder.Encode(fields), ContentType, [], request.TopicArn);
    }

    private static string? ReadMessageId(byte[] body)
    {
        using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "MessageId")
            {
                return reader.ReadElementContentAsString();
            }
        }

        return null;
    }
}
