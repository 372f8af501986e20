namespace IdcKmsGuard.Aws.Endpoints;

/// <summary>
/// The endpoint rules the AWS SDKs share: AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then AWS_ENDPOINT_URL, unless
/// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true; otherwise the public Regional endpoint.
/// </summary>
/// <param name="loopbackOnly">Honour only overrides that point at this machine (the local stand-in): in Lambda, an
/// override written into the function's configuration would send the guard's signed calls, and its alerts, to
/// whoever wrote it.</param>
public sealed class AwsEndpointResolver(Func<string, string?> environment, bool loopbackOnly = false)
{
    public const string GlobalOverride = "AWS_ENDPOINT_URL";
    public const string IgnoreOverrides = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

#pragma warning disable RS0030 // A composition root: the one place this process's environment is read.
    /// <summary>The guard function's resolver: this process's environment, loopback overrides only.</summary>
    public static AwsEndpointResolver FromLambdaProcess { get; } = new(Environment.GetEnvironmentVariable, loopbackOnly: true);
#pragma warning restore RS0030

    /// <returns>"VARIABLE=value" of an override this resolver does not honour (not an http(s) URL of this machine),
    /// or null.</returns>
    public string? Refused(AwsService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var (variable, configured) = Configured(service);
        return loopbackOnly && !string.IsNullOrEmpty(configured) && Parse(variable, configured) is not { IsLoopback: true } ? $"{variable}={configured}" : null;
    }

    /// <returns>The configured override, or null when the public endpoint applies.</returns>
    public Uri? Override(AwsService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var (variable, configured) = Configured(service);
        return Parse(variable, configured) is { } uri && (uri.IsLoopback || !loopbackOnly) ? uri : null;
    }

    public Uri Resolve(AwsService service, string region)
    {
        ArgumentNullException.ThrowIfNull(service);
        return Override(service) ?? new Uri($"https://{service.EndpointPrefix}.{region}.{DnsSuffix(region)}/");
    }

    private (string Variable, string? Value) Configured(AwsService service)
    {
        if (string.Equals(environment(IgnoreOverrides), "true", StringComparison.OrdinalIgnoreCase))
        {
            return (IgnoreOverrides, null);
        }

        var variable = $"{GlobalOverride}_{service.EnvironmentName}";
        var configured = environment(variable);
        return string.IsNullOrEmpty(configured) ? (GlobalOverride, environment(GlobalOverride)) : (variable, configured);
    }

    // A malformed override is a mistake to stop on where a person configured it (CLI, tests); in Lambda it is refused
    // like any other override that does not point here.
    private Uri? Parse(string variable, string? configured) =>
        string.IsNullOrEmpty(configured) ? null
        : Uri.TryCreate(configured, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
        : loopbackOnly ? null
        : throw new InvalidOperationException($"{variable} is not an http(s) URL: '{configured}'.");

    private static string DnsSuffix(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
}
