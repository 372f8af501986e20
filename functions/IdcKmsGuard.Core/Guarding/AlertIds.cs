using System.Security.Cryptography;
using System.Text;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>Alert ids that every attempt at the same news computes alike: 32 hex digits of a SHA-256.</summary>
internal static class AlertIds
{
    /// <param name="origin">The event id (or, for news not tied to one event, what identifies it: a configuration fault).</param>
    /// <param name="subject">The key or instance ARN the alert is about; one event tells of each at most once.</param>
    public static string For(string origin, string subject) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{origin}\n{subject}")))[..32];
}
