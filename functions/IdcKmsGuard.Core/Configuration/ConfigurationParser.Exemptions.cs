using System.Globalization;
using System.Text.Json;
using static IdcKmsGuard.Core.Configuration.ConfigurationJson;

namespace IdcKmsGuard.Core.Configuration;

public static partial class ConfigurationParser
{
    private static readonly string[] ExemptionElements = ["principals", "suspendTagKey"];
    private static readonly string[] PrincipalElements = ["arnPattern", "until", "reason"];

    private static (IReadOnlyList<PrincipalExemption> Principals, string SuspendTagKey) ReadExemptions(JsonElement element, string location)
    {
        var members = Members(element, location, ExemptionElements);
        IReadOnlyList<PrincipalExemption> principals = members.TryGetValue("principals", out var list)
            ? [.. Array(list, Child(location, "principals"), ConfigurationLimits.MaxPrincipalExemptions)
                .Select((item, i) => ReadPrincipalExemption(item, Item(Child(location, "principals"), i)))]
            : [];
        var tagKey = members.TryGetValue("suspendTagKey", out var tag)
            ? Matching(tag, Child(location, "suspendTagKey"), ConfigurationLimits.MaxTagKeyLength, ConfigurationPatterns.TagKeyRegex(),
                "a KMS tag key (letters, digits, spaces and _ . : / = + - @, not starting with aws:)")
            : GuardConfiguration.DefaultSuspendTagKey;
        return (principals, tagKey);
    }

    private static PrincipalExemption ReadPrincipalExemption(JsonElement element, string location)
    {
        var members = Members(element, location, PrincipalElements);
        if (!members.TryGetValue("arnPattern", out var pattern))
        {
            throw new ConfigurationException(Child(location, "arnPattern"), "is required");
        }

        return new PrincipalExemption(
            Matching(pattern, Child(location, "arnPattern"), ConfigurationLimits.MaxArnLength, ConfigurationPatterns.PrincipalArnRegex(),
                "an IAM or STS principal ARN pattern of one account (arn:aws:iam::111122223333:role/Name*); "
                + "'*' and '?' are wildcards, and the name must not be only wildcards"),
            members.TryGetValue("until", out var until) ? ReadTime(until, Child(location, "until")) : null,
            members.TryGetValue("reason", out var reason) ? String(reason, Child(location, "reason"), ConfigurationLimits.MaxReasonLength) : null);
    }

    private static DateTimeOffset ReadTime(JsonElement element, string location)
    {
        var text = String(element, location, 64);
        return ConfigurationPatterns.TimestampRegex().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : throw new ConfigurationException(location, $"'{text}' is not an ISO 8601 time with an offset, such as 2026-12-31T00:00:00Z");
    }
}
