using System.Text.Json.Serialization;

namespace IdcKmsGuard.Aws.Feeds;

/// <summary>An AWS Security Finding Format finding as BatchImportFindings takes it (the members the guard sets).</summary>
public sealed record AsffFinding(
    string SchemaVersion,
    string Id,
    string ProductArn,
    string GeneratorId,
    string AwsAccountId,
    IReadOnlyList<string> Types,
    string CreatedAt,
    string UpdatedAt,
    string FirstObservedAt,
    string LastObservedAt,
    AsffSeverity Severity,
    string Title,
    string Description,
    AsffRemediation Remediation,
    IReadOnlyDictionary<string, string> ProductFields,
    IReadOnlyList<AsffResource> Resources,
    AsffCompliance Compliance,
    AsffWorkflow Workflow,
    string RecordState,
    AsffProviderFields FindingProviderFields);

public sealed record AsffSeverity(string Label, string Original);

public sealed record AsffRemediation(AsffRecommendation Recommendation);

public sealed record AsffRecommendation(string Text, string? Url);

public sealed record AsffResource(string Type, string Id, string? Partition, string? Region);

public sealed record AsffCompliance(string Status);

public sealed record AsffWorkflow(string Status);

public sealed record AsffProviderFields(AsffSeverity Severity, IReadOnlyList<string> Types);

internal sealed record BatchImportFindingsRequest(IReadOnlyList<AsffFinding> Findings);

internal sealed record BatchImportFindingsResponse(int FailedCount, int SuccessCount, IReadOnlyList<ImportFailure>? FailedFindings);

internal sealed record ImportFailure(string? Id, string? ErrorCode, string? ErrorMessage);

internal sealed record FindingIdentifier(string Id, string ProductArn);

internal sealed record AsffNote(string Text, string UpdatedBy);

internal sealed record BatchUpdateFindingsRequest(IReadOnlyList<FindingIdentifier> FindingIdentifiers, AsffNote Note, AsffWorkflow Workflow);

internal sealed record BatchUpdateFindingsResponse(IReadOnlyList<FindingIdentifier>? ProcessedFindings, IReadOnlyList<UnprocessedFinding>? UnprocessedFindings);

internal sealed record UnprocessedFinding(FindingIdentifier? FindingIdentifier, string? ErrorCode, string? ErrorMessage);

internal sealed record StringFilter(string Value, string Comparison);

internal sealed record FindingFilters([property: JsonPropertyName("Id")] IReadOnlyList<StringFilter> Id);

internal sealed record GetFindingsRequest(FindingFilters Filters, int MaxResults);

/// <summary>What the guard reads back of a finding (the CLI and the tests): its state, not all of ASFF.</summary>
public sealed record StoredFinding(string Id, string? RecordState, AsffWorkflow? Workflow, AsffCompliance? Compliance, string? UpdatedAt, string? Title);

internal sealed record GetFindingsResponse(IReadOnlyList<StoredFinding>? Findings);

internal sealed record PutEventsEntry(string Source, string DetailType, string Detail, IReadOnlyList<string> Resources, string EventBusName);

internal sealed record PutEventsRequest(IReadOnlyList<PutEventsEntry> Entries);

internal sealed record PutEventsResultEntry(string? EventId, string? ErrorCode, string? ErrorMessage);

internal sealed record PutEventsResponse(int FailedEntryCount, IReadOnlyList<PutEventsResultEntry>? Entries);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BatchImportFindingsRequest))]
[JsonSerializable(typeof(BatchImportFindingsResponse))]
[JsonSerializable(typeof(BatchUpdateFindingsRequest))]
[JsonSerializable(typeof(BatchUpdateFindingsResponse))]
[JsonSerializable(typeof(GetFindingsRequest))]
[JsonSerializable(typeof(GetFindingsResponse))]
[JsonSerializable(typeof(PutEventsRequest))]
[JsonSerializable(typeof(PutEventsResponse))]
internal sealed partial class FeedsJsonContext : JsonSerializerContext;
