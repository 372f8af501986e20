using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>
/// Writes a configuration as the document that would produce it, naming every rule with its effective mode, so the
/// output of `rules show --json` is itself a valid document.
/// </summary>
public static class ConfigurationWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(GuardConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("version", ConfigurationParser.SupportedVersion);
            json.WriteBoolean("dryRun", configuration.DryRun);
            json.WriteStartObject("rules");
            foreach (var rule in RuleCatalog.All)
            {
                json.WriteString(rule.Id, ConfigurationNames.Of(configuration.ModeOf(rule)));
            }

            json.WriteEndObject();
            WriteExemptions(json, configuration);
            WriteStrings(json, "approvedKeys", configuration.ApprovedKeys);
            json.WriteBoolean("requireCustomerManagedKey", configuration.RequireCustomerManagedKey);
            json.WriteString("repairStrategy", ConfigurationNames.Of(configuration.RepairStrategy));
            json.WriteNumber("repeatAlertWindowMinutes", (int)configuration.RepeatAlertWindow.TotalMinutes);
            json.WriteNumber("sweepRepeatAfter", configuration.SweepRepeatAfter);
            json.WriteBoolean("narrowBlockingDenies", configuration.NarrowBlockingDenies);
            json.WriteBoolean("chatbotNotifications", configuration.ChatbotNotifications);
            WriteExtraRequirements(json, configuration.ExtraRequirements);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>RFC 3339 as the document takes it: "Z" for UTC, no fraction when there is none.</summary>
    public static string FormatTime(DateTimeOffset time) => time.Offset == TimeSpan.Zero
        ? time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
        : time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static void WriteExemptions(Utf8JsonWriter json, GuardConfiguration configuration)
    {
        json.WriteStartObject("exemptions");
        json.WriteStartArray("principals");
        foreach (var exemption in configuration.PrincipalExemptions)
        {
            json.WriteStartObject();
            json.WriteString("arnPattern", exemption.ArnPattern);
            if (exemption.Until is { } until)
            {
                json.WriteString("until", FormatTime(until));
            }

            if (exemption.Reason is { } reason)
            {
                json.WriteString("reason", reason);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("suspendTagKey", configuration.SuspendTagKey);
        json.WriteEndObject();
    }

    private static void WriteExtraRequirements(Utf8JsonWriter json, IReadOnlyList<ExtraRequirement> requirements)
    {
        json.WriteStartArray("extraRequirements");
        foreach (var requirement in requirements)
        {
            json.WriteStartObject();
            json.WriteString("name", requirement.Name);
            json.WriteString("principal", requirement.Principal);
            json.WriteString("action", requirement.Action);
            json.WriteStartObject("context");
            foreach (var (key, values) in requirement.Context)
            {
                if (values.Count == 1)
                {
                    json.WriteString(key, values[0]);
                }
                else
                {
                    WriteStrings(json, key, values);
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
