using IdcKmsGuard.Aws.Signing;

namespace IdcKmsGuard.Aws.Tests.Signing;

public sealed class SigV4SignerTests
{
    private const string Token = "session-token/with+base64==";

    private static readonly SigV4SigningOptions Options =
        new("eu-west-1", "sso", new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)));

    private static readonly SigV4Request Request = new(
        "POST",
        "/",
        [],
        [new("Host", "sso.eu-west-1.amazonaws.com"), new("Content-Type", "application/x-amz-json-1.1")],
        SigV4Signer.EmptyPayloadSha256Hex);

    [Fact]
    public void Sign_WhenCredentialsHaveSessionToken_ShouldAddAndSignSecurityToken()
    {
        var signature = SigV4Signer.Sign(Request, new AwsCredentials("AKID", "secret", Token), Options);

        Assert.Contains(new KeyValuePair<string, string>("X-Amz-Security-Token", Token), signature.HeadersToAdd);
        Assert.Contains($"\nx-amz-security-token:{Token}\n", signature.CanonicalRequest, StringComparison.Ordinal);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,", signature.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_WhenTokenIsOmittedFromSignature_ShouldStillAddItUnsigned()
    {
        var options = Options with { OmitSessionTokenFromSignature = true };

        var signature = SigV4Signer.Sign(Request, new AwsCredentials("AKID", "secret", Token), options);

        Assert.Contains(new KeyValuePair<string, string>("X-Amz-Security-Token", Token), signature.HeadersToAdd);
        Assert.DoesNotContain("x-amz-security-token", signature.CanonicalRequest, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_WhenCredentialsHaveNoToken_ShouldAddOnlyDateAndAuthorization()
    {
        var signature = SigV4Signer.Sign(Request, new AwsCredentials("AKID", "secret", null), Options);

        Assert.Equal(["X-Amz-Date", "Authorization"], signature.HeadersToAdd.Select(h => h.Key));
    }

    [Fact]
    public void Sign_WhenTimestampHasOffset_ShouldSignInUtc()
    {
        var signature = SigV4Signer.Sign(Request, new AwsCredentials("AKID", "secret", null), Options);

        Assert.Contains(new KeyValuePair<string, string>("X-Amz-Date", "20260304T030607Z"), signature.HeadersToAdd);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKID/20260304/eu-west-1/sso/aws4_request, ", signature.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_WhenHostIsMissing_ShouldThrow()
    {
        var request = Request with { Headers = [new("Content-Type", "application/x-amz-json-1.1")] };

        Assert.Throws<ArgumentException>(() => SigV4Signer.Sign(request, new AwsCredentials("AKID", "secret", null), Options));
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("x-amz-date")]
    [InlineData("X-Amz-Security-Token")]
    public void Sign_WhenRequestAlreadyHasSignerHeader_ShouldThrow(string header)
    {
        var request = Request with { Headers = [.. Request.Headers, new(header, "stale")] };

        Assert.Throws<ArgumentException>(() => SigV4Signer.Sign(request, new AwsCredentials("AKID", "secret", Token), Options));
    }

    [Fact]
    public void ToString_WhenCredentialsArePrinted_ShouldHideSecretAndToken()
    {
        var text = new AwsCredentials("AKID", "the-secret", "the-token").ToString();

        Assert.Contains("AKID", text, StringComparison.Ordinal);
        Assert.DoesNotContain("the-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("the-token", text, StringComparison.Ordinal);
    }
}
