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

    // In Lambda an override is the function's configuration, which an insider may rewrite: only this machine counts.
    [Theory]
    [InlineData("https://collector.example.com")]
    [InlineData("http://10.0.0.12:4566")]
    [InlineData("http://169.254.169.254")]
    [InlineData("not a url")]
    public void Resolve_InLambda_WhenTheOverrideIsNotThisMachine_ShouldRefuseItAndUseThePublicEndpoint(string elsewhere)
    {
        var resolver = LambdaResolver(("AWS_ENDPOINT_URL_SNS", elsewhere));

        Assert.Equal(new Uri("https://sns.eu-west-1.amazonaws.com/"), resolver.Resolve(AwsService.Sns, "eu-west-1"));
        Assert.Equal($"AWS_ENDPOINT_URL_SNS={elsewhere}", resolver.Refused(AwsService.Sns));
        Assert.Null(resolver.Refused(AwsService.Kms));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:4566")]
    [InlineData("http://[::1]:4566")]
    public void Resolve_InLambda_WhenTheOverrideIsThisMachine_ShouldUseIt(string local)
    {
        var resolver = LambdaResolver(("AWS_ENDPOINT_URL", local));

        Assert.Equal(new Uri(local), resolver.Override(AwsService.Kms));
        Assert.Null(resolver.Refused(AwsService.Kms));
    }

    [Fact]
    public void Resolve_OutsideLambda_ShouldHonourAnyOverrideAndStopOnAMalformedOne()
    {
        Assert.Equal(new Uri("https://collector.example.com/"), Resolver(("AWS_ENDPOINT_URL", "https://collector.example.com")).Override(AwsService.Sns));
        Assert.Throws<InvalidOperationException>(() => Resolver(("AWS_ENDPOINT_URL", "not a url")).Override(AwsService.Sns));
    }

    private static AwsEndpointResolver Resolver(params (string Name, string Value)[] variables) =>
        new(name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault());

    private static AwsEndpointResolver LambdaResolver(params (string Name, string Value)[] variables) =>
        new(name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault(), loopbackOnly: true);
}
