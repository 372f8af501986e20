using System.Net.Http.Headers;
using System.Xml;

namespace IdcKmsGuard.Aws.Http;

/// <summary>Query-protocol errors: &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;.</summary>
internal sealed class QueryErrorReader : IAwsErrorReader
{
    public static QueryErrorReader Instance { get; } = new();

    public AwsError Read(int httpStatus, byte[] body, HttpResponseHeaders headers)
    {
        string? code = null, message = null, requestId = null;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            reader.MoveToContent();
            while (!reader.EOF)
            {
                // ReadElementContentAsString already moves past the element: reading again would skip a sibling
                // when the XML has no whitespace between elements, as services often send it.
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "Code" or "Message" or "RequestId")
                {
                    var name = reader.LocalName;
                    var value = reader.ReadElementContentAsString();
                    code ??= name == "Code" ? value : null;
                    message ??= name == "Message" ? value : null;
                    requestId ??= name == "RequestId" ? value : null;
                    continue;
                }

                reader.Read();
            }
        }
        catch (XmlException)
        {
            // Not the service's XML: fall back to the status line.
        }

        return new AwsError(code ?? $"Http{httpStatus}", message ?? $"HTTP {httpStatus}", requestId ?? AwsHttpClient.RequestIdOf(headers));
    }
}
