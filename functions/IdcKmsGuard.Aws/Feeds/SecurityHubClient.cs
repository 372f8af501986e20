using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Http;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Aws.Feeds;

/// <summary>
/// The Security Hub calls the guard makes (REST JSON), in place of AWSSDK.SecurityHub (not served by our package
/// source). Swapping in the SDK later means replacing this class.
/// </summary>
public sealed class SecurityHubClient(AwsHttpClient http, string region)
{
    public string Region => region;

    /// <exception cref="AwsCallException">The call failed, or Security Hub refused the finding (FailedCount).</exception>
    public async Task ImportAsync(AsffFinding finding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var answer = await SendAsync(SerializeImport(finding), FeedsJsonContext.Default.BatchImportFindingsResponse, cancellationToken)
            .ConfigureAwait(false);
        if (answer.FailedCount > 0)
        {
            var failure = answer.FailedFindings is [var first, ..] ? first : null;
            throw Refused(
                "BatchImportFindings", failure?.ErrorCode ?? "FailedFinding", failure?.ErrorMessage ?? "Security Hub refused the finding.", finding.Id);
        }
    }

    /// <summary>Sets the finding's workflow (what a customer, not a finding provider, may change after creation).</summary>
    public async Task SetWorkflowAsync(string findingId, string productArn, string status, string note, CancellationToken cancellationToken)
    {
        var request = SerializeUpdate(findingId, productArn, status, note);
        var answer = await SendAsync(request, FeedsJsonContext.Default.BatchUpdateFindingsResponse, cancellationToken).ConfigureAwait(false);
        if (answer.UnprocessedFindings is [{ } first, ..])
        {
            throw Refused("BatchUpdateFindings", first.ErrorCode ?? "Unprocessed", first.ErrorMessage ?? "Security Hub did not update the finding.", findingId);
        }
    }

    /// <returns>The finding with this id, or null when Security Hub has none.</returns>
    public async Task<StoredFinding?> GetAsync(string findingId, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(SerializeGet(findingId), FeedsJsonContext.Default.GetFindingsResponse, cancellationToken).ConfigureAwait(false);
        return answer.Findings?.FirstOrDefault(f => f.Id == findingId);
    }

    internal AwsHttpRequest SerializeImport(AsffFinding finding) =>
        Rest(
            "BatchImportFindings",
            HttpMethod.Post,
            "/findings/import",
            new BatchImportFindingsRequest([finding]),
            FeedsJsonContext.Default.BatchImportFindingsRequest,
            finding.Id);

    internal AwsHttpRequest SerializeUpdate(string findingId, string productArn, string status, string note) =>
        Rest(
            "BatchUpdateFindings",
            HttpMethod.Patch,
            "/findings/batchupdate",
            new BatchUpdateFindingsRequest([new FindingIdentifier(findingId, productArn)], new AsffNote(note, "IdcKmsGuard"), new AsffWorkflow(status)),
            FeedsJsonContext.Default.BatchUpdateFindingsRequest,
            findingId);

    internal AwsHttpRequest SerializeGet(string findingId) =>
        Rest(
            "GetFindings",
            HttpMethod.Post,
            "/findings",
            new GetFindingsRequest(new FindingFilters([new StringFilter(findingId, "EQUALS")]), 1),
            FeedsJsonContext.Default.GetFindingsRequest,
            findingId);

    // Security Hub answered 200 and still took nothing: the answer names what it refused.
    private static AwsCallException Refused(string operation, string code, string message, string findingId) =>
        new("securityhub", operation, code, message, null, 200, findingId);

    private AwsHttpRequest Rest<T>(string operation, HttpMethod method, string path, T body, JsonTypeInfo<T> type, string resource) =>
        new(AwsService.SecurityHub, operation, region, JsonSerializer.SerializeToUtf8Bytes(body, type), "application/json", [], resource)
        {
            Method = method,
            PathAndQuery = path,
        };

    private async Task<T> SendAsync<T>(AwsHttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(request, JsonErrorReader.Instance, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(response.Body.Length == 0 ? "{}"u8.ToArray() : response.Body, type)
            ?? throw new JsonException($"securityhub {request.Operation} returned 'null'.");
    }
}
