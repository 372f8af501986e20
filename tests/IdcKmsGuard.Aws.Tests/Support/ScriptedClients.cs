using Amazon.Runtime;
using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Http;

namespace IdcKmsGuard.Aws.Tests.Support;

/// <summary>Our <see cref="AwsHttpClient"/> pointed at a local endpoint through AWS_ENDPOINT_URL, as the Lambda would be.</summary>
internal static class ScriptedClients
{
    public const string AccessKeyId = "AKIDEXAMPLE";

    /// <summary>Retries after 1 ms, so retry tests take no time.</summary>
    public static BackoffPolicy Fast(int maxAttempts = 3) => new(maxAttempts, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));

    public static AwsHttpClient HttpClient(Uri endpoint, BackoffPolicy? retry = null, IAwsCredentialSource? credentials = null) => new(
        new HttpClient { Timeout = TimeSpan.FromSeconds(10) },
        credentials ?? new SdkCredentialSource(new BasicAWSCredentials(AccessKeyId, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")),
        new AwsEndpointResolver(name => name == AwsEndpointResolver.GlobalOverride ? endpoint.ToString() : null),
        TimeProvider.System,
        retry ?? Fast());

    public static AwsHttpClient HttpClient(this ScriptedAwsServer server, BackoffPolicy? retry = null, IAwsCredentialSource? credentials = null) =>
        HttpClient(server.Endpoint, retry, credentials);
}
