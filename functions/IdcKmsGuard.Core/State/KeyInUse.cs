namespace IdcKmsGuard.Core.State;

/// <summary>The key an instance was last seen ENABLED with: during a switch (UPDATING, or after UPDATE_FAILED)
/// Identity Center still uses it, while DescribeInstance already names the requested key.</summary>
public sealed record KeyInUse(string InstanceArn, string KeyArn, DateTimeOffset SeenAt);
