using IdcKmsGuard.Aws.Signing;

namespace IdcKmsGuard.Aws.Tests.Signing;

public sealed class SigV4SignerVectorTests
{
    private const int CasesInAwsV4Suite = 38;

    public static TheoryData<string> Cases => new(SigV4Vector.CaseNames);

    [Fact]
    public void Cases_WhenDiscovered_ShouldBeTheWholeV4Suite() =>
        Assert.Equal(CasesInAwsV4Suite, SigV4Vector.CaseNames.Count());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sign_WhenGivenAwsVector_ShouldMatchEveryExpectedOutput(string name)
    {
        var vector = SigV4Vector.Load(name);

        var signature = SigV4Signer.Sign(vector.ToSigV4Request(), vector.Credentials, vector.Options);

        Assert.Equal(vector.ExpectedCanonicalRequest, signature.CanonicalRequest);
        Assert.Equal(vector.ExpectedStringToSign, signature.StringToSign);
        Assert.Equal(vector.ExpectedSignature, signature.Signature);
        Assert.Equal(vector.ExpectedSignedRequest.Header("Authorization"), signature.Authorization);
        Assert.Equal(AddedBySigning(vector), Normalize(signature.HeadersToAdd));
    }

    [Theory]
    [InlineData("get-vanilla-query-order-encoded")]
    [InlineData("get-vanilla-with-session-token")]
    [InlineData("post-header-key-sort")]
    [InlineData("post-x-www-form-urlencoded-parameters")]
    public void SignHttpRequest_WhenGivenAwsVector_ShouldAuthorizeLikeTheNeutralModel(string name)
    {
        var vector = SigV4Vector.Load(name);
        using var request = vector.ToHttpRequestMessage();

        var signature = SigV4Signer.SignHttpRequest(request, vector.Request.Body, vector.Credentials, vector.Options);

        var neutral = SigV4Signer.Sign(vector.ToSigV4Request(), vector.Credentials, vector.Options);
        Assert.Equal(neutral.CanonicalRequest, signature.CanonicalRequest);
        Assert.Equal(neutral.Authorization, signature.Authorization);
        Assert.Equal(vector.ExpectedSignedRequest.Header("Authorization"), request.Headers.GetValues("Authorization").Single());
    }

    private static List<(string, string)> AddedBySigning(SigV4Vector vector) =>
        Normalize(vector.ExpectedSignedRequest.Headers.Where(h => !vector.Request.Headers.Contains(h)));

    private static List<(string, string)> Normalize(IEnumerable<KeyValuePair<string, string>> headers) =>
        headers.Select(h => (h.Key.ToLowerInvariant(), h.Value)).Order().ToList();
}
