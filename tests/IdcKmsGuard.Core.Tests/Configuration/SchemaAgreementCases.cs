namespace IdcKmsGuard.Core.Tests.Configuration;

/// <summary>Documents that the parser and the published schema must judge alike.</summary>
internal static class SchemaAgreementCases
{
    private const string Root = "arn:aws:iam::111122223333:root";

    public static IReadOnlyList<string> Valid { get; } =
    [
        """{ "version": 1 }""",
        """{ "version": 1.0 }""",
        """{ "$schema": "./guard-config.schema.json", "version": 1 }""",
        Documents.Full,
        Documents.With("\"rules\": { \"KEY-ENABLED\": \"off\", \"GUARD-CONFIG\": \"alert\", \"KEY-ROTATION\": \"remediate\" }"),
        Documents.With("\"rules\": {}"),
        Documents.With("\"exemptions\": {}"),
        Documents.With("\"exemptions\": { \"suspendTagKey\": \"maintenance window/until\" }"),
        Documents.Exemption($$"""{ "arnPattern": "{{Root}}", "until": "2026-12-31T10:30:00.125-05:30" }"""),
        Documents.Exemption("""{ "arnPattern": "arn:aws:sts::111122223333:assumed-role/Ops/*" }"""),
        Documents.Exemption($$"""{ "arnPattern": "{{Root}}", "reason": "\u00e9t\u00e9 \ud83d\udd11" }"""),
        Documents.With("\"approvedKeys\": []"),
        Documents.With("\"approvedKeys\": [\"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"]"),
        Documents.With("\"repairStrategy\": \"restore-last-known-good\""),
        Documents.With("\"repeatAlertWindowMinutes\": 1"),
        Documents.With("\"sweepRepeatAfter\": 168"),
        Documents.With("\"repeatAlertWindowMinutes\": 10080"),
        Documents.With("\"repeatAlertWindowMinutes\": 30.0"),
        Documents.With("\"extraRequirements\": []"),
        Documents.RequirementWith("context", "{ \"kms:EncryptionContextKeys\": [\"a\", \"b\"], \"aws:SourceAccount\": \"111122223333\" }"),
        Documents.RequirementWith("principal", "\"identitystore.amazonaws.com\""),
    ];

    public static IReadOnlyList<string> Invalid { get; } =
    [
        "{}",
        """{ "version": 2 }""",
        """{ "version": "1" }""",
        """{ "version": null }""",
        "[]",
        Documents.With("\"unknown\": 1"),
        Documents.With("\"dryRun\": \"false\""),
        Documents.With("\"dryRun\": null"),
        Documents.With("\"rules\": []"),
        Documents.With("\"rules\": { \"NO-SUCH-RULE\": \"alert\" }"),
        Documents.With("\"rules\": { \"key-rotation\": \"alert\" }"),
        Documents.With("\"rules\": { \"KEY-ROTATION\": \"Alert\" }"),
        Documents.With("\"rules\": { \"KEY-ROTATION\": \"\" }"),
        Documents.With("\"rules\": { \"KEY-SPEC\": \"remediate\" }"),
        Documents.With("\"rules\": { \"GUARD-CONFIG\": \"remediate\" }"),
        Documents.With("\"rules\": { \"KEY-ROTATION\": null }"),
        Documents.With("\"exemptions\": { \"principal\": [] }"),
        Documents.With("\"exemptions\": { \"principals\": {} }"),
        Documents.Exemption("""{ "reason": "no pattern" }"""),
        Documents.Exemption("""{ "arnPattern": "*" }"""),
        Documents.Exemption("""{ "arnPattern": "arn:aws:iam::111122223333:role/*" }"""),
        Documents.Exemption("""{ "arnPattern": "arn:aws:iam::*:role/BreakGlass" }"""),
        Documents.Exemption($$"""{ "arnPattern": "{{Root}}", "until": "2026-12-31" }"""),
        Documents.Exemption($$"""{ "arnPattern": "{{Root}}", "until": "2026-12-31T00:00:00" }"""),
        Documents.Exemption($$"""{ "arnPattern": "{{Root}}", "until": "2026-12-31t00:00:00z" }"""),
        Documents.Exemption($$"""{ "arnPattern": "{{Root}}", "until": "2026-02-30T00:00:00Z" }"""),
        Documents.Exemption($$"""{ "arnPattern": "{{Root}}", "until": "2026-12-31T24:00:01Z" }"""),
        Documents.Exemption($$"""{ "arnPattern": "{{Root}}", "until": null }"""),
        Documents.Exemption($$"""{ "arnPattern": "{{Root}}", "reason": "" }"""),
        Documents.Exemption($$"""{ "arnPattern": "{{Root}}", "reason": "line\nbreak" }"""),
        Documents.Exemption($$"""{ "arnPattern": "{{Root}}", "reason": "{{new string('r', 257)}}" }"""),
        Documents.Exemption(string.Join(", ", Enumerable.Repeat($$"""{ "arnPattern": "{{Root}}" }""", 51))),
        Documents.With("\"exemptions\": { \"suspendTagKey\": \"aws:reserved\" }"),
        Documents.With("\"exemptions\": { \"suspendTagKey\": \"\" }"),
        Documents.With("\"exemptions\": { \"suspendTagKey\": \"bad|key\" }"),
        Documents.With($"\"exemptions\": {{ \"suspendTagKey\": \"{new string('k', 129)}\" }}"),
        Documents.With("\"approvedKeys\": \"arn\""),
        Documents.With("\"approvedKeys\": [\"arn:aws:kms:us-east-1:111122223333:alias/idc\"]"),
        Documents.With("\"approvedKeys\": [\"arn:aws:kms:us-east-1:111122223333:key/1234ABCD-12AB-34CD-56EF-1234567890AB\"]"),
        Documents.With($"\"approvedKeys\": [\"{Documents.KeyArn}\", \"{Documents.KeyArn}\"]"),
        Documents.With("\"approvedKeys\": [1]"),
        Documents.With("\"requireCustomerManagedKey\": 1"),
        Documents.With("\"repairStrategy\": \"merge\""),
        Documents.With("\"repeatAlertWindowMinutes\": 0"),
        Documents.With("\"sweepRepeatAfter\": 0"),
        Documents.With("\"sweepRepeatAfter\": 169"),
        Documents.With("\"repeatAlertWindowMinutes\": 10081"),
        Documents.With("\"repeatAlertWindowMinutes\": 60.5"),
        Documents.With("\"repeatAlertWindowMinutes\": \"60\""),
        Documents.With("\"extraRequirements\": {}"),
        Documents.Requirement("""{ "principal": "qbusiness.amazonaws.com", "action": "kms:Decrypt" }"""),
        Documents.Requirement("""{ "name": "n", "action": "kms:Decrypt" }"""),
        Documents.Requirement("""{ "name": "n", "principal": "qbusiness.amazonaws.com" }"""),
        Documents.RequirementWith("name", "\"\""),
        Documents.RequirementWith("action", "\"kms:*\""),
        Documents.RequirementWith("action", "\"Decrypt\""),
        Documents.RequirementWith("principal", "\"arn:aws:iam::111122223333:role/*\""),
        Documents.RequirementWith("principal", "\"*\""),
        Documents.RequirementWith("resource", "\"*\""),
        Documents.RequirementWith("context", "[]"),
        Documents.RequirementWith("context", "{ \"kms:ViaService\": 1 }"),
        Documents.RequirementWith("context", "{ \"kms:ViaService\": [] }"),
        Documents.RequirementWith("context", "{ \"kms:ViaService\": [1] }"),
        Documents.RequirementWith("context", "{ \"kms:ViaService\": null }"),
        Documents.RequirementWith("context", "{ \"ViaService\": \"sso\" }"),
        Documents.RequirementWith("context", "{ " + string.Join(", ", Enumerable.Range(0, 11).Select(i => $"\"aws:K{i}\": \"v\"")) + " }"),
        Documents.Exemption("""{ "arnPattern": "arn:aws:iam::111122223333:root\n" }"""),
        Documents.With($"\"approvedKeys\": [\"{Documents.KeyArn}\\n\"]"),
        Documents.Exemption($$"""{ "arnPattern": "{{Root}}", "reason": "trailing break\n" }"""),
        Documents.RequirementWith("context", "{ \"kms:ViaService\\n\": \"sso\" }"),
        Documents.RequirementWith("context", "{ \"kms:ViaService\": [\"sso\\t\"] }"),
        Documents.With("\"$schema\": \"schema.json\\n\""),
        Documents.Requirement(string.Join(", ", Enumerable.Range(0, 21).Select(i => $$"""{ "name": "r{{i}}", "principal": "qbusiness.amazonaws.com", "action": "kms:Decrypt" }"""))),
    ];

    /// <summary>
    /// What JSON Schema cannot say, so only the parser refuses: uniqueness of a member inside array items,
    /// case-insensitive uniqueness, the document's total size, and a repeated JSON member (schema validators see one).
    /// </summary>
    public static IReadOnlyList<(string Reason, string Json)> ParserOnly { get; } =
    [
        ("requirement names repeat", Documents.Requirement("""
            { "name": "a", "principal": "qbusiness.amazonaws.com", "action": "kms:Decrypt" },
            { "name": "A", "principal": "qbusiness.amazonaws.com", "action": "kms:Encrypt" }
            """)),
        ("context keys repeat in another case", Documents.RequirementWith("context", "{ \"kms:ViaService\": \"a\", \"kms:viaservice\": \"b\" }")),
        ("the document is over 8 KB", Documents.Exemption(string.Join(", ", Enumerable.Repeat($$"""{ "arnPattern": "{{Root}}", "reason": "{{new string('r', 200)}}" }""", 40)))),
        ("a member repeats", Documents.With("\"dryRun\": false, \"dryRun\": true")),
    ];
}
