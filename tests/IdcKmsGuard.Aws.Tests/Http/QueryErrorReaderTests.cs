using System.Text;
using IdcKmsGuard.Aws.Http;

namespace IdcKmsGuard.Aws.Tests.Http;

public sealed class QueryErrorReaderTests
{
    [Fact]
    public void Read_WhenXmlIsIndented_ShouldReturnCodeMessageAndRequestId()
    {
        const string Body = """
            <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <Error>
                <Type>Sender</Type>
                <Code>NotFound</Code>
                <Message>Topic does not exist</Message>
              </Error>
              <RequestId>9b5e8f3a-1c2d</RequestId>
            </ErrorResponse>
            """;

        var error = Read(404, Body);

        Assert.Equal(new AwsError("NotFound", "Topic does not exist", "9b5e8f3a-1c2d"), error);
    }

    [Fact]
    public void Read_WhenXmlIsCompact_ShouldReturnCodeMessageAndRequestId()
    {
        // moto (and any writer without whitespace) puts <Message> right after </Code>.
        const string Body = "<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>9b5e8f3a-1c2d</RequestId></ErrorResponse>";

        var error = Read(404, Body);

        Assert.Equal(new AwsError("NotFound", "Topic does not exist", "9b5e8f3a-1c2d"), error);
    }

    [Fact]
    public void Read_WhenBodyIsNotXml_ShouldFallBackToTheStatusAndTheRequestIdHeader()
    {
        var error = Read(503, "Service Unavailable", requestIdHeader: "hdr-1");

        Assert.Equal(new AwsError("Http503", "HTTP 503", "hdr-1"), error);
    }

    private static AwsError Read(int status, string body, string? requestIdHeader = null)
    {
        using var response = new HttpResponseMessage();
        if (requestIdHeader is not null)
        {
            response.Headers.Add("x-amzn-RequestId", requestIdHeader);
        }

        return QueryErrorReader.Instance.Read(status, Encoding.UTF8.GetBytes(body), response.Headers);
    }
}
