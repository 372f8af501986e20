using IdcKmsGuard.Aws.Endpoints;

namespace IdcKmsGuard.Aws.Tests.Endpoints;

public sealed class AwsEndpointResolverTests
{
    [Fact]
    public void Resolve_WhenServiceVariableAndGlobalVariableAreSet_ShouldUseTheServiceVariable()
    {
        var resolver = Resolver(("AWS_ENDPOINT_URL_SSO_ADMIN", "http://127.0.0.1:4001"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:4000"));

        Assert.Equal(new Uri("http://127.0.0.1:4001/"), resolver.Resolve(AwsService.SsoAdmin, "us-east-1"));
        Assert.Equal(new Uri("http://127.0.0.1:4000/"), resolver.Resolve(AwsService.Sns, "us-east-1"));
    }

    [Fact]
    public void Resolve_WhenOnlyGlobalVariableIsSet_ShouldUseItForEveryService()
    {
        var resolver = Resolver(("AWS_ENDPOINT_URL", "http://localhost:4566"));

        var endpoints = new[] { AwsService.SsoAdmin, AwsService.Sns, AwsService.Kms, AwsService.EventBridge }
            .Select(service => resolver.Resolve(service, "eu-west-1"));

        Assert.All(endpoints, endpoint => Assert.Equal(new Uri("http://localhost:4566/"), endpoint));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    public void Resolve_WhenConfiguredEndpointsAreIgnored_ShouldUseThePublicEndpoint(string ignore)
    {
        var resolver = Resolver(("AWS_ENDPOINT_URL_SSO_ADMIN", "http://127.0.0.1:4001"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:4000"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", ignore));

        Assert.Equal(new Uri("https://sso.us-east-1.amazonaws.com/"), resolver.Resolve(AwsService.SsoAdmin, "us-east-1"));
        Assert.Null(resolver.Override(AwsService.Sns));
    }

    [Theory]
    [InlineData("us-east-1", "https://sso.us-east-1.amazonaws.com/")]
    [InlineData("eu-central-1", "https://sso.eu-central-1.amazonaws.com/")]
    [InlineData("cn-north-1", "https://sso.cn-north-1.amazonaws.com.cn/")]
    [InlineData("cn-northwest-1", "https://sso.cn-northwest-1.amazonaws.com.cn/")]
    public void Resolve_WhenNothingIsConfigured_ShouldUseTheRegionalEndpointOfThePartition(string region, string expected)
    {
        Assert.Equal(new Uri(expected), Resolver().Resolve(AwsService.SsoAdmin, region));
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL_SSO_ADMIN", "localhost:4566")]
    [InlineData("AWS_ENDPOINT_URL", "not a url")]
    [InlineData("AWS_ENDPOINT_URL", "ftp://127.0.0.1/")]
    public void Resolve_WhenOverrideIsNotAnHttpUrl_ShouldThrowNamingTheVariable(string variable, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Resolver((variable, value)).Resolve(AwsService.SsoAdmin, "us-east-1"));

        // The operator must be told which variable to fix: "AWS_ENDPOINT_URL_SSO_ADMIN" or "AWS_ENDPOINT_URL".
        Assert.Matches($"\\b{variable}\\b", error.Message);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    private static AwsEndpointResolver Resolver(params (string Name, string Value)[] variables) =>
        new(name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault());
}
