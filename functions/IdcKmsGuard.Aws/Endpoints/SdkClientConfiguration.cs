using Amazon;
using Amazon.Runtime;

namespace IdcKmsGuard.Aws.Endpoints;

/// <summary>
/// The one way every AWS SDK client of the guard is configured: standard retries, a 10 s timeout, and the same
/// endpoint override rules as the thin clients (AWS_ENDPOINT_URL[_SERVICE]).
/// </summary>
public static class SdkClientConfiguration
{
    public static T For<T>(T config, AwsEndpointResolver endpoints, AwsService service, string region)
        where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(endpoints);
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = 3;
        config.Timeout = TimeSpan.FromSeconds(10);
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
