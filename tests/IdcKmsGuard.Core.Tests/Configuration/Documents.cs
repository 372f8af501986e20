using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Configuration;

/// <summary>Configuration documents for the parser and schema tests.</summary>
internal static class Documents
{
    public const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";

    /// <summary>The document of the brief, every element present; IDC-ENCRYPTION-APPROVED alerts (the catalog has no remediation for it yet).</summary>
    public const string Full = $$"""
        { "version": 1, "dryRun": false,
          "rules": { "KEY-ROTATION": "alert", "IDC-ENCRYPTION-APPROVED": "alert" },
          "exemptions": { "principals": [ { "arnPattern": "arn:aws:iam::111122223333:role/BreakGlass*", "until": "2026-12-31T00:00:00Z", "reason": "planned key maintenance" } ],
                          "suspendTagKey": "idckmsguard:suspend-until" },
          "approvedKeys": ["{{KeyArn}}"],
          "requireCustomerManagedKey": true,
          "repairStrategy": "merge-required",
          "repeatAlertWindowMinutes": 60,
          "narrowBlockingDenies": false,
          "chatbotNotifications": false,
          "extraRequirements": [ { "name": "workflow role decrypts via sso", "principal": "arn:aws:iam::111122223333:role/Workflow", "action": "kms:Decrypt", "context": { "kms:ViaService": "sso.us-east-1.amazonaws.com" } } ] }
        """;

    public static string SchemaPath => Path.Combine(RepoPaths.Root, "infra", "config", "guard-config.schema.json");

    public static string ExamplePath => Path.Combine(RepoPaths.Root, "infra", "config", "guard-config.example.json");

    /// <summary>A version 1 document with these members after "version".</summary>
    public static string With(string members) => $$"""{ "version": 1, {{members}} }""";

    public static string Exemption(string principal) => With($$"""
        "exemptions": { "principals": [ {{principal}} ] }
        """);

    public static string Requirement(string requirement) => With($$"""
        "extraRequirements": [ {{requirement}} ]
        """);

    /// <summary>A valid extra requirement with one member replaced or added.</summary>
    public static string RequirementWith(string name, string value)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = "\"workflow\"",
            ["principal"] = "\"arn:aws:iam::111122223333:role/Workflow\"",
            ["action"] = "\"kms:Decrypt\"",
        };
        members[name] = value;
        return Requirement("{ " + string.Join(", ", members.Select(m => $"\"{m.Key}\": {m.Value}")) + " }");
    }

    public static ConfigurationException Refusal(string json) =>
        Assert.Throws<ConfigurationException>(() => ConfigurationParser.Parse(json));
}
