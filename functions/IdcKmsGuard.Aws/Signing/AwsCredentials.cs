using System.Text;

namespace IdcKmsGuard.Aws.Signing;

public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    // A record prints every property by default; credentials end up in logs and exception messages.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccessKeyId = ").Append(AccessKeyId)
            .Append(", SecretAccessKey = ***, SessionToken = ").Append(SessionToken is null ? "null" : "***");
        return true;
    }
}
