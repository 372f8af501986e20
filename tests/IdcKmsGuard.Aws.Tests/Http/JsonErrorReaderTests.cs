using System.Text;
using IdcKmsGuard.Aws.Http;

namespace IdcKmsGuard.Aws.Tests.Http;

public sealed class JsonErrorReaderTests
{
    [Theory]
    [InlineData("com.amazonaws.sso#ValidationException")]
    [InlineData("ValidationException")]
    [InlineData("ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/")]
    public void Read_WhenTypeCarriesNamespaceOrUrl_ShouldReturnTheBareCode(string type)
    {
        var error = Read(400, $$"""{"__type":"{{type}}","message":"bad input"}""");

        Assert.Equal(new AwsError("ValidationException", "bad input", null), error);
    }

    [Fact]
    public void Read_WhenReasonIsPresent_ShouldAppendIt()
    {
        var error = Read(400, """{"__type":"ValidationException","Message":"The key is not usable","Reason":"KMS_AccessDeniedException"}""");

        Assert.Equal("The key is not usable [Reason: KMS_AccessDeniedException]", error.Message);
    }

    [Fact]
    public void Read_WhenBodyIsEmpty_ShouldUseTheErrorTypeHeader()
    {
        var error = Read(400, "", errorTypeHeader: "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/", requestId: "r-1");

        Assert.Equal(new AwsError("AccessDeniedException", "HTTP 400 with an empty body", "r-1"), error);
    }

    [Fact]
    public void Read_WhenBodyIsHtml_ShouldReturnHttpStatusCode()
    {
        var error = Read(502, "<html><body>Bad Gateway</body></html>");

        Assert.Equal(new AwsError("Http502", "HTTP 502", null), error);
    }

    private static AwsError Read(int status, string body, string? errorTypeHeader = null, string? requestId = null)
    {
        using var response = new HttpResponseMessage();
        if (errorTypeHeader is not null)
        {
            response.Headers.TryAddWithoutValidation("X-Amzn-ErrorType", errorTypeHeader);
        }

        if (requestId is not null)
        {
            response.Headers.Add("x-amzn-RequestId", requestId);
        }

        return JsonErrorReader.Instance.Read(status, Encoding.UTF8.GetBytes(body), response.Headers);
    }
}
