using Amazon;
using Amazon.Runtime;

namespace IdcKmsGuard.Aws.Endpoints;

/// <summary>
/// The one way every AWS SDK client of the guard is configured: standard retries, a 10 s timeout per attempt, and
/// the same endpoint override rules as the thin clients (AWS_ENDPOINT_URL[_SERVICE]).
/// </summary>
public static class SdkClientConfiguration
{
    /// <summary>Retries after the first attempt, as the SDKs' standard mode has them.</summary>
    public const int StandardRetries = 3;

    /// <param name="retries">0 for a client that sends changes: the SDK would resend one whose answer was lost
    /// (the caller re-reads first instead, and retries throttling itself).</param>
    public static T For<T>(T config, AwsEndpointResolver endpoints, AwsService service, string region, int retries = StandardRetries)
        where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = retries;
        config.Timeout = TimeSpan.FromSeconds(10);
        // The resolver decides: the SDK must not read AWS_ENDPOINT_URL* on its own past a refusal.
        config.IgnoreConfiguredEndpointUrls = true;
        if (endpoints.Override(service) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return config;
    }
}
