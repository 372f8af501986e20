using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IdcKmsGuard.Aws.Endpoints;

namespace IdcKmsGuard.Aws.Http;

/// <summary>The awsJson1_1 protocol: POST / with X-Amz-Target: {prefix}.{Operation} and a JSON body.</summary>
internal sealed class JsonProtocolClient(AwsHttpClient http, AwsService service, string targetPrefix, string region)
{
    public const string ContentType = "application/x-amz-json-1.1";

    public string Region => region;

    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        string? resource,
        CancellationToken cancellationToken,
        bool safeToRepeat = true)
    {
        var response = await http.SendAsync(
            Serialize(operation, request, requestType, resource) with { SafeToRepeat = safeToRepeat },
            JsonErrorReader.Instance,
            cancellationToken).ConfigureAwait(false);
        if (response.Body.Length == 0)
        {
            response = response with { Body = "{}"u8.ToArray() };
        }

        return JsonSerializer.Deserialize(response.Body, responseType)
            ?? throw new JsonException($"{service.SigningName} {operation} returned 'null'.");
    }

    internal AwsHttpRequest Serialize<TRequest>(string operation, TRequest request, JsonTypeInfo<TRequest> requestType, string? resource) => new(
        service,
        operation,
        region,
        JsonSerializer.SerializeToUtf8Bytes(request, requestType),
        ContentType,
        [new("X-Amz-Target", $"{targetPrefix}.{operation}")],
        resource);
}
