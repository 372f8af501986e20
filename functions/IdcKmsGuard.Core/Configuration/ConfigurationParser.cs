using System.Text.Json;
using static IdcKmsGuard.Core.Configuration.ConfigurationJson;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>Reads the configuration document, refusing anything unknown: a typo in a security setting must not pass silently.</summary>
public static partial class ConfigurationParser
{
    /// <summary>The location of problems with the document as a whole.</summary>
    public const string DocumentLocation = "document";

    public const int SupportedVersion = 1;

    private static readonly string[] RootElements =
    [
        "$schema", "version", "dryRun", "rules", "exemptions", "approvedKeys", "requireCustomerManagedKey", "repairStrategy",
        "repeatAlertWindowMinutes", "sweepRepeatAfter", "narrowBlockingDenies", "chatbotNotifications", "extraRequirements",
    ];

    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = ConfigurationLimits.MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <returns>Null when the document is not valid (for a document read back from the guard's own memory).</returns>
    public static GuardConfiguration? TryParse(string json)
    {
        try
        {
            return Parse(json);
        }
        catch (ConfigurationException)
        {
            return null;
        }
    }

    /// <exception cref="ConfigurationException">The first problem found, with its location.</exception>
    public static GuardConfiguration Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > ConfigurationLimits.MaxDocumentLength)
        {
            throw new ConfigurationException(
                DocumentLocation, $"is {json.Length} characters long; the limit is {ConfigurationLimits.MaxDocumentLength} (an advanced SSM parameter)");
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            throw new ConfigurationException(DocumentLocation, "is empty");
        }

        using var document = ParseJson(json);
        return ParseRoot(document.RootElement);
    }

    private static JsonDocument ParseJson(string json)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : string.Empty;
            throw new ConfigurationException(DocumentLocation, $"is not valid JSON{where}: {Reason(e.Message)}");
        }
    }

    // System.Text.Json appends its own "Path: ... | LineNumber: ..." tail, which the location above already says.
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal) is var p and >= 0 ? p : message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).TrimEnd();
    }

    private static GuardConfiguration ParseRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigurationException(DocumentLocation, "must be a JSON object");
        }

        ReadVersion(root);
        var members = Members(root, string.Empty, RootElements);
        if (members.TryGetValue("$schema", out var schema))
        {
            String(schema, "$schema", ConfigurationLimits.MaxArnLength);
        }

        var defaults = GuardConfiguration.Defaults;
        var (exemptions, suspendTagKey) = members.TryGetValue("exemptions", out var e) ? ReadExemptions(e, "exemptions") : ([], defaults.SuspendTagKey);
        return new GuardConfiguration(
            DryRun: Optional(members, "dryRun", Boolean, defaults.DryRun),
            RuleModes: members.TryGetValue("rules", out var rules) ? ReadRules(rules) : defaults.RuleModes,
            PrincipalExemptions: exemptions,
            SuspendTagKey: suspendTagKey,
            ApprovedKeys: members.TryGetValue("approvedKeys", out var keys) ? ReadApprovedKeys(keys) : defaults.ApprovedKeys,
            RequireCustomerManagedKey: Optional(members, "requireCustomerManagedKey", Boolean, defaults.RequireCustomerManagedKey),
            RepairStrategy: Optional(members, "repairStrategy", ReadRepairStrategy, defaults.RepairStrategy),
            RepeatAlertWindow: Optional(members, "repeatAlertWindowMinutes", ReadWindow, defaults.RepeatAlertWindow),
            ExtraRequirements: members.TryGetValue("extraRequirements", out var extra) ? ReadExtraRequirements(extra) : defaults.ExtraRequirements,
            NarrowBlockingDenies: Optional(members, "narrowBlockingDenies", Boolean, defaults.NarrowBlockingDenies),
            ChatbotNotifications: Optional(members, "chatbotNotifications", Boolean, defaults.ChatbotNotifications))
        {
            SweepRepeatAfter = Optional(members, "sweepRepeatAfter", ReadSweepRepeat, defaults.SweepRepeatAfter),
        };
    }
}
