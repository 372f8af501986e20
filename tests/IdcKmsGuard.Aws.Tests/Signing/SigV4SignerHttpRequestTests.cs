using System.Globalization;
using System.Net.Http.Headers;
using IdcKmsGuard.Aws.Signing;

namespace IdcKmsGuard.Aws.Tests.Signing;

public sealed class SigV4SignerHttpRequestTests
{
    private const string Token = "session-token/with+base64==";

    private static readonly AwsCredentials Credentials = new("AKID", "secret", Token);

    private static readonly SigV4SigningOptions Options =
        new("us-east-1", "sns", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    private static readonly byte[] Body = "Action=Publish&Version=2010-03-31&Message=hello%20world"u8.ToArray();

    [Fact]
    public void SignHttpRequest_WhenCredentialsHaveSessionToken_ShouldSetAndSignSecurityToken()
    {
        using var request = NewRequest("https://sns.us-east-1.amazonaws.com/");

        var signature = SigV4Signer.SignHttpRequest(request, Body, Credentials, Options);

        Assert.Equal(Token, request.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.Equal("20260102T030405Z", request.Headers.GetValues("X-Amz-Date").Single());
        Assert.Equal("sns.us-east-1.amazonaws.com", request.Headers.Host);
        Assert.Contains(
            "SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-security-token,",
            request.Headers.GetValues("Authorization").Single(),
            StringComparison.Ordinal);
        Assert.Contains("content-type:application/x-www-form-urlencoded; charset=utf-8\n", signature.CanonicalRequest, StringComparison.Ordinal);
    }

    [Fact]
    public void SignHttpRequest_WhenSignedAgain_ShouldReplaceThePreviousSignature()
    {
        using var request = NewRequest("https://sns.us-east-1.amazonaws.com/");
        SigV4Signer.SignHttpRequest(request, Body, Credentials, Options);

        var later = Options with { Timestamp = Options.Timestamp.AddMinutes(5) };
        var signature = SigV4Signer.SignHttpRequest(request, Body, Credentials, later);

        Assert.Equal(signature.Authorization, request.Headers.GetValues("Authorization").Single());
        Assert.Equal("20260102T030905Z", request.Headers.GetValues("X-Amz-Date").Single());
        Assert.Single(request.Headers.GetValues("X-Amz-Security-Token"));
    }

    [Fact]
    public void SignHttpRequest_WhenBodyIsNotTheContent_ShouldThrow()
    {
        using var request = NewRequest("https://sns.us-east-1.amazonaws.com/");

        Assert.Throws<ArgumentException>(() => SigV4Signer.SignHttpRequest(request, [1, 2, 3], Credentials, Options));
    }

    [Fact]
    public async Task SignHttpRequest_WhenSentByHttpClient_ShouldSignTheRequestAsItAppearsOnTheWire()
    {
        using var server = new LoopbackHttpServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var capture = server.ReceiveOneAsync(timeout.Token);

        using var request = NewRequest($"http://127.0.0.1:{server.Port}/a%20b/./c?b=2&a=x%2Fy&a=1");
        request.Headers.Add("X-Amz-Target", "SWBExternalService.DescribeInstance");
        request.Headers.Add("X-Multi", ["one", "two"]);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/xml");
        request.Headers.UserAgent.ParseAdd("idc-kms-guard/1.0 dotnet/10");
        var signature = SigV4Signer.SignHttpRequest(request, Body, Credentials, Options);

        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var response = await client.SendAsync(request, timeout.Token);
        var wire = RawHttpMessage.Parse(await capture);

        // Verify as a service would: rebuild the canonical request from the received bytes alone.
        var signedNames = signature.Authorization.Split("SignedHeaders=")[1].Split(',')[0].Split(';');
        var signerOwned = new[] { "x-amz-date", "x-amz-security-token" };
        var signedOnWire = wire.Headers
            .Where(h => signedNames.Contains(h.Key.ToLowerInvariant()) && !signerOwned.Contains(h.Key.ToLowerInvariant()))
            .ToList();
        var received = new SigV4Request(wire.Method, wire.Path, wire.Query, signedOnWire, SigV4Signer.Sha256Hex(wire.Body));
        var sentAt = DateTimeOffset.ParseExact(
            wire.Header("X-Amz-Date"), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var recomputed = SigV4Signer.Sign(
            received,
            Credentials with { SessionToken = wire.Header("X-Amz-Security-Token") },
            Options with { Timestamp = sentAt });

        Assert.Equal(signature.CanonicalRequest, recomputed.CanonicalRequest);
        Assert.Equal(signature.Authorization, wire.Header("Authorization"));
        Assert.Equal(recomputed.Authorization, wire.Header("Authorization"));
        Assert.Contains($"host:127.0.0.1:{server.Port}\n", signature.CanonicalRequest, StringComparison.Ordinal);
    }

    private static HttpRequestMessage NewRequest(string uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        return request;
    }
}
