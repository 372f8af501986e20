using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Http;

namespace IdcKmsGuard.Aws.Deployment;

/// <summary>
/// The two Lambda reads `doctor` makes (REST, GET), in place of AWSSDK.Lambda (not served by our package source).
/// Swapping in the SDK later means replacing this class.
/// </summary>
public sealed class LambdaClient(AwsHttpClient http, string region)
{
    public Task<FunctionConfiguration> GetFunctionConfigurationAsync(string functionName, CancellationToken cancellationToken) =>
        GetAsync(SerializeGetFunctionConfiguration(functionName), DeploymentJsonContext.Default.FunctionConfiguration, cancellationToken);

    public async Task<IReadOnlyList<EventSourceMapping>> EventSourceMappingsAsync(string functionName, CancellationToken cancellationToken)
    {
        var mappings = new List<EventSourceMapping>();
        string? marker = null;
        do
        {
            var request = SerializeListEventSourceMappings(functionName, marker);
            var page = await GetAsync(request, DeploymentJsonContext.Default.EventSourceMappingPage, cancellationToken).ConfigureAwait(false);
            mappings.AddRange(page.EventSourceMappings ?? []);
            marker = page.NextMarker;
        }
        while (!string.IsNullOrEmpty(marker));

        return mappings;
    }

    internal AwsHttpRequest SerializeGetFunctionConfiguration(string functionName) =>
        Get("GetFunctionConfiguration", $"/2015-03-31/functions/{Uri.EscapeDataString(functionName)}/configuration", functionName);

    internal AwsHttpRequest SerializeListEventSourceMappings(string functionName, string? marker) =>
        Get(
            "ListEventSourceMappings",
            $"/2015-03-31/event-source-mappings?FunctionName={Uri.EscapeDataString(functionName)}"
                + (marker is null ? string.Empty : $"&Marker={Uri.EscapeDataString(marker)}"),
            functionName);

    private AwsHttpRequest Get(string operation, string pathAndQuery, string resource) =>
        new(AwsService.Lambda, operation, region, [], "application/json", [], resource) { Method = HttpMethod.Get, PathAndQuery = pathAndQuery };

    private async Task<T> GetAsync<T>(AwsHttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(request, JsonErrorReader.Instance, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(response.Body, type) ?? throw new JsonException($"lambda {request.Operation} returned 'null'.");
    }
}
