using System.Text.Json.Serialization;

namespace IdcKmsGuard.Aws.Deployment;

// Members as the cloudtrail 2013-11-01, events 2015-10-07 and lambda 2015-03-31 models name them.
public sealed record DescribeTrailsRequest(
    [property: JsonPropertyName("trailNameList")] IReadOnlyList<string>? TrailNameList,
    [property: JsonPropertyName("includeShadowTrails")] bool IncludeShadowTrails);

public sealed record DescribeTrailsResponse([property: JsonPropertyName("trailList")] IReadOnlyList<Trail>? TrailList);

public sealed record Trail(string Name, string? TrailARN, string? HomeRegion, bool? IsMultiRegionTrail, bool? IsOrganizationTrail);

public sealed record TrailNameRequest(string? Name = null, string? TrailName = null);

public sealed record TrailStatus(bool? IsLogging);

public sealed record TrailEventSelectors(IReadOnlyList<EventSelector>? EventSelectors, IReadOnlyList<AdvancedEventSelector>? AdvancedEventSelectors);

public sealed record EventSelector(string? ReadWriteType, bool? IncludeManagementEvents, IReadOnlyList<string>? ExcludeManagementEventSources);

public sealed record AdvancedEventSelector(string? Name, IReadOnlyList<AdvancedFieldSelector> FieldSelectors);

public sealed record AdvancedFieldSelector(
    string Field,
    [property: JsonPropertyName("Equals")] IReadOnlyList<string>? EqualTo,
    IReadOnlyList<string>? NotEquals,
    IReadOnlyList<string>? StartsWith,
    IReadOnlyList<string>? NotStartsWith,
    IReadOnlyList<string>? EndsWith,
    IReadOnlyList<string>? NotEndsWith);

public sealed record RulesByTargetRequest(string TargetArn, string? NextToken);

public sealed record RulesByTargetResponse(IReadOnlyList<string>? RuleNames, string? NextToken);

public sealed record RuleRequest(string? Name = null, string? Rule = null);

public sealed record RuleDescription(string Name, string? Arn, string? State, string? EventPattern, string? ScheduleExpression);

public sealed record RuleTargets(IReadOnlyList<RuleTarget>? Targets);

public sealed record RuleTarget(string Id, string Arn);

public sealed record FunctionConfiguration(string FunctionName, string FunctionArn, string? State, FunctionEnvironment? Environment);

public sealed record FunctionEnvironment(IReadOnlyDictionary<string, string>? Variables);

public sealed record EventSourceMappingPage(IReadOnlyList<EventSourceMapping>? EventSourceMappings, string? NextMarker);

public sealed record EventSourceMapping(string UUID, string? EventSourceArn, string? FunctionArn, string? State, int? BatchSize);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(DescribeTrailsRequest))]
[JsonSerializable(typeof(DescribeTrailsResponse))]
[JsonSerializable(typeof(TrailNameRequest))]
[JsonSerializable(typeof(TrailStatus))]
[JsonSerializable(typeof(TrailEventSelectors))]
[JsonSerializable(typeof(RulesByTargetRequest))]
[JsonSerializable(typeof(RulesByTargetResponse))]
[JsonSerializable(typeof(RuleRequest))]
[JsonSerializable(typeof(RuleDescription))]
[JsonSerializable(typeof(RuleTargets))]
[JsonSerializable(typeof(FunctionConfiguration))]
[JsonSerializable(typeof(EventSourceMappingPage))]
internal sealed partial class DeploymentJsonContext : JsonSerializerContext;
