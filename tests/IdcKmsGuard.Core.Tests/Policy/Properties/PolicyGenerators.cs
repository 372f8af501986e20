using CsCheck;
using IdcKmsGuard.Core.Tests.Policy.Findings;

namespace IdcKmsGuard.Core.Tests.Policy.Properties;

/// <summary>Random key-policy statements drawn from the shapes that matter to Identity Center.</summary>
internal static class PolicyGenerators
{
    // Declared first: static initializers run in order, and BaselineVariant uses these.
    private static readonly string[] BaselineStatements =
        [.. ReferencePolicies.Json("key-policy-baseline-2026.json")["Statement"]!.AsArray().Select(n => n!.ToJsonString())];

    private static readonly string[] Principals =
    [
        "\"*\"",
        "{\"AWS\":\"arn:aws:iam::111122223333:root\"}",
        "{\"AWS\":\"999988887777\"}",
        "{\"AWS\":\"arn:aws:iam::111122223333:role/App\"}",
        "{\"Service\":\"sso.amazonaws.com\"}",
        "{\"Service\":\"identitystore.amazonaws.com\"}",
        "{\"Service\":[\"sso.amazonaws.com\",\"identitystore.amazonaws.com\"]}",
        "{\"Service\":\"qbusiness.amazonaws.com\"}",
    ];

    private static readonly string[] Actions =
    [
        "\"kms:*\"", "\"kms:Decrypt\"", "[\"kms:Decrypt\",\"kms:ReEncrypt*\"]", "\"kms:DescribeKey\"", "\"kms:GenerateDataKey*\"",
        "\"kms:Encrypt\"", "[\"kms:ReEncryptFrom\",\"kms:ReEncryptTo\"]", "\"kms:Describe*\"",
    ];

    // Deny actions leave kms:PutKeyPolicy alone: a policy that denies everyone administration is locked out by
    // design, and no repair may undo a Deny it was not asked to touch.
    private static readonly string[] DenyActions =
    [
        "\"kms:Decrypt\"", "[\"kms:ReEncrypt*\"]", "\"kms:DescribeKey\"", "\"kms:GenerateDataKey*\"", "\"kms:Encrypt\"",
    ];

    private static readonly string[] Conditions =
    [
        string.Empty,
        ",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}",
        ",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"999988887777\"}}",
        ",\"Condition\":{\"ForAnyValue:StringEquals\":{\"kms:EncryptionContextKeys\":[\"aws:sso:instance-arn\",\"aws:identitystore:identitystore-arn\"]}}",
        ",\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalAccount\":\"111122223333\"}}",
        ",\"Condition\":{\"Bool\":{\"aws:PrincipalIsAWSService\":\"true\"}}",
        ",\"Condition\":{\"StringLike\":{\"kms:ViaService\":\"sso.*.amazonaws.com\"}}",
        ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"${aws:ResourceOrgID}\"}}",
        ",\"Condition\":{\"StringEqualsIfExists\":{\"kms:EncryptionContext:aws:sso:instance-arn\":\"arn:aws:sso:::instance/other\"}}",
    ];

    public static Gen<string> Allow { get; } =
        Gen.Select(Gen.Int[0, Principals.Length - 1], Gen.Int[0, Actions.Length - 1], Gen.Int[0, Conditions.Length - 1], Gen.Bool)
            .Select(t => Write("Allow", Principals[t.Item1], Actions[t.Item2], Conditions[t.Item3], t.Item4));

    public static Gen<string> Deny { get; } =
        Gen.Select(Gen.Int[0, Principals.Length - 1], Gen.Int[0, DenyActions.Length - 1], Gen.Int[0, Conditions.Length - 1])
            .Select(t => Write("Deny", Principals[t.Item1], DenyActions[t.Item2], Conditions[t.Item3], notAction: false));

    public static Gen<string> AnyStatement { get; } = Gen.Frequency((3, Allow), (1, Deny));

    /// <summary>A policy of 1 to 8 random statements, administration kept so that lock-out is not the question.</summary>
    public static Gen<string> Policy { get; } = AnyStatement.Array[0, 7].Select(s => Document([ReferencePolicies.KmsDefaultAdministration, .. s]));

    /// <summary>The 2026 baseline plus 0 to 4 random statements: healthy and unhealthy ones in good number.</summary>
    public static Gen<string> BaselineVariant { get; } = AnyStatement.Array[0, 4].Select(s => Document([.. BaselineStatements, .. s]));

    public static string Document(IEnumerable<string> statements) => $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";

    private static string Write(string effect, string principal, string action, string condition, bool notAction) =>
        $$"""{"Effect":"{{effect}}","Principal":{{principal}},"{{(notAction && effect == "Allow" ? "NotAction" : "Action")}}":{{(notAction && effect == "Allow" ? "\"kms:ScheduleKeyDeletion\"" : action)}},"Resource":"*"{{condition}}}""";
}
