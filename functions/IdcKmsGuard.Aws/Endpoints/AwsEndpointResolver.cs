namespace IdcKmsGuard.Aws.Endpoints;

/// <summary>
/// The endpoint rules the AWS SDKs share: AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then AWS_ENDPOINT_URL, unless
/// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true; otherwise the public Regional endpoint.
/// </summary>
public sealed class AwsEndpointResolver(Func<string, string?> environment)
{
    public const string GlobalOverride = "AWS_ENDPOINT_URL";
    public const string IgnoreOverrides = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

#pragma warning disable RS0030 // A composition root: the one place this process's environment is read.
    public static AwsEndpointResolver FromProcess { get; } = new(Environment.GetEnvironmentVariable);
#pragma warning restore RS0030

    /// <returns>The configured override, or null when the public endpoint applies.</returns>
    public Uri? Override(AwsService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (string.Equals(environment(IgnoreOverrides), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var variable = $"{GlobalOverride}_{service.EnvironmentName}";
        var configured = environment(variable);
        if (string.IsNullOrEmpty(configured))
        {
            variable = GlobalOverride;
            configured = environment(variable);
        }

        if (string.IsNullOrEmpty(configured))
        {
            return null;
        }

        return Uri.TryCreate(configured, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"{variable} is not an http(s) URL: '{configured}'.");
    }

    public Uri Resolve(AwsService service, string region)
    {
        ArgumentNullException.ThrowIfNull(service);
        return Override(service) ?? new Uri($"https://{service.EndpointPrefix}.{region}.{DnsSuffix(region)}/");
    }

    private static string DnsSuffix(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
}
