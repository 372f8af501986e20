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
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "Code": code ??= reader.ReadElementContentAsString(); break;
                    case "Message": message ??= reader.ReadElementContentAsString(); break;
                    case "RequestId": requestId ??= reader.ReadElementContentAsString(); break;
                }
            }
        }
        catch (XmlException)
        {
            // Not the service's XML: fall back to the status line.
        }

        return new AwsError(code ?? $"Http{httpStatus}", message ?? $"HTTP {httpStatus}", requestId ?? AwsHttpClient.RequestIdOf(headers));
    }
}
