using System.Text.Json.Serialization;

namespace IdcKmsGuard.Aws.SsoAdmin;

// Members as the sso-admin 2020-07-20 model names them (PascalCase on the wire).
public sealed record ListInstancesRequest(int? MaxResults = null, string? NextToken = null);

public sealed record ListInstancesResponse(IReadOnlyList<InstanceMetadata>? Instances, string? NextToken);

public sealed record InstanceMetadata(
    string InstanceArn,
    string? IdentityStoreId,
    string? OwnerAccountId,
    string? Name,
    string? Status,
    string? StatusReason,
    double? CreatedDate,
    string? PrimaryRegion,
    IReadOnlyList<RegionMetadata>? Regions);

public sealed record DescribeInstanceRequest(string InstanceArn);

public sealed record DescribeInstanceResponse(
    string InstanceArn,
    string? IdentityStoreId,
    string? OwnerAccountId,
    string? Name,
    string? Status,
    string? StatusReason,
    double? CreatedDate,
    string? PrimaryRegion,
    IReadOnlyList<RegionMetadata>? Regions,
    EncryptionConfigurationDetails? EncryptionConfigurationDetails);

public sealed record EncryptionConfigurationDetails(string? KeyType, string? KmsKeyArn, string? EncryptionStatus, string? EncryptionStatusReason);

public sealed record EncryptionConfiguration(string KeyType, string? KmsKeyArn = null);

public sealed record UpdateInstanceRequest(string InstanceArn, string? Name = null, EncryptionConfiguration? EncryptionConfiguration = null);

public sealed record EmptyResponse;

public sealed record ListRegionsRequest(string InstanceArn, int? MaxResults = null, string? NextToken = null);

public sealed record ListRegionsResponse(IReadOnlyList<RegionMetadata>? Regions, string? NextToken);

public sealed record RegionMetadata(string RegionName, string? Status, double? AddedDate, bool? IsPrimaryRegion);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ListInstancesRequest))]
[JsonSerializable(typeof(ListInstancesResponse))]
[JsonSerializable(typeof(DescribeInstanceRequest))]
[JsonSerializable(typeof(DescribeInstanceResponse))]
[JsonSerializable(typeof(UpdateInstanceRequest))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(ListRegionsRequest))]
[JsonSerializable(typeof(ListRegionsResponse))]
internal sealed partial class SsoAdminJsonContext : JsonSerializerContext;
