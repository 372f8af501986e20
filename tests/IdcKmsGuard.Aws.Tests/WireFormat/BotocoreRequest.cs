namespace IdcKmsGuard.Aws.Tests.WireFormat;

/// <summary>A request as botocore would send it: what botocore_serialize.py printed.</summary>
internal sealed record BotocoreRequest(string BotocoreVersion, string Method, string Path, string? Target, string? ContentType, byte[] Body);
