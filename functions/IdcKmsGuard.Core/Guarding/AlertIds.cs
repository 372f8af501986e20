using System.Security.Cryptography;
using System.Text;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>Alert ids that every attempt at the same news computes alike: 32 hex digits of a SHA-256.</summary>
internal static class AlertIds
{
    /// <param name="origin">The event id (or, for news not tied to one event, what identifies it: a configuration fault).</param>
    /// <param name="subject">The key or instance ARN the alert is about; one event tells of each at most once.</param>
    public static string For(string origin, string subject) => Hash($"{origin}\n{subject}");

    /// <summary>
    /// What makes an alert a repeat of one sent within the window: the same subject, rule and outcome, and the same
    /// open violations from the same changes (<paramref name="told"/>). A violation from a new change, or one more
    /// violation, is news.
    /// </summary>
    public static string RepeatKey(string subject, Alerts.Alert alert, State.RuleCauses told)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(told);
        var open = alert.Findings.Where(f => !f.Resolved).Select(f => $"{f.RuleId}={told.Of(f.RuleId) ?? "-"}").Distinct().Order(StringComparer.Ordinal);
        return $"{subject}|{alert.RuleId}|{Alerts.AlertRenderer.Name(alert.Outcome)}|{Hash(string.Join('\n', open))}";
    }

    /// <summary>The id of a scope's incident: every alert from its opening to its end names the same one.</summary>
    public static string Incident(string scope, DateTimeOffset openedAt) =>
        Hash($"incident\n{scope}\n{openedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
