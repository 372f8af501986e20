using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.Alerts;

internal static class ConsoleLinks
{
    public static string? Key(string? keyArn) =>
        KeyArn.TryParse(keyArn, out var arn)
            ? $"https://{arn.Region}.console.aws.amazon.com/kms/home?region={arn.Region}#/kms/keys/{arn.KeyId}"
            : null;

    public static string? Event(string? eventId, string? region) =>
        eventId is null || region is null
            ? null
            : $"https://{region}.console.aws.amazon.com/cloudtrailv2/home?region={region}#/events/{Uri.EscapeDataString(eventId)}";
}
