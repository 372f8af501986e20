using System.Text.Json;
using IdcKmsGuard.Core.Keys;
using static IdcKmsGuard.Core.Configuration.ConfigurationJson;

namespace IdcKmsGuard.Core.Configuration;

public static partial class ConfigurationParser
{
    private static List<string> ReadApprovedKeys(JsonElement element)
    {
        const string Location = "approvedKeys";
        var keys = new List<string>();
        foreach (var (item, i) in Array(element, Location, ConfigurationLimits.MaxApprovedKeys).Select((item, i) => (item, i)))
        {
            var location = Item(Location, i);
            var text = Matching(item, location, ConfigurationLimits.MaxArnLength, ConfigurationPatterns.KeyArnRegex(),
                "a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY-ID; an alias is not a key)");
            if (!KeyArn.TryParse(text, out var arn))
            {
                throw new ConfigurationException(location, $"'{text}' is not a KMS key ARN");
            }

            if (keys.Contains(arn.ToString(), StringComparer.Ordinal))
            {
                throw new ConfigurationException(location, "is listed twice");
            }

            keys.Add(arn.ToString());
        }

        return keys;
    }
}
