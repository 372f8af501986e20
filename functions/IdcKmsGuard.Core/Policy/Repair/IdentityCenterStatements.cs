using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Core.Policy.Repair;

/// <summary>
/// The statements of the current documented baseline (2026), filled with real values. The baseline generator and
/// the repair both build from here, so a repaired policy grants exactly what a fresh one would.
/// </summary>
public static class IdentityCenterStatements
{
    public const string AdministrationSid = "AllowIdentityCenterAdminAccounts";
    public const string DescribeKeySid = "AllowIdentityCenterAndIdentityStoreToDescribeKey";
    public const string UseKeySid = "AllowIdentityCenterAndIdentityStoreToUseKey";
    public const string OrgPrincipalsSid = "AllowOrgPrincipalsViaIdentityCenterAndIdentityStore";
    public const string ManagedAppsSid = "AllowManagedApps";

    private static readonly string[] Services = [RequiredRequestCatalog.IdentityStoreService, RequiredRequestCatalog.SsoService];
    private static readonly string[] ContextKeys = [RequiredRequestCatalog.InstanceContextKey, RequiredRequestCatalog.IdentityStoreContextKey];
    private static readonly string[] ViaServices = ["sso.*.amazonaws.com", "identitystore.*.amazonaws.com"];

    public static JsonObject Administration(string partition, IEnumerable<string> accounts) => Statement(
        AdministrationSid,
        new JsonObject { ["AWS"] = Array(accounts.Select(a => $"arn:{partition}:iam::{a}:root")) },
        "kms:*",
        null);

    public static JsonObject DescribeKey(string account, IReadOnlyList<string>? sourceArns) => Statement(
        DescribeKeySid,
        new JsonObject { ["Service"] = Array(Services) },
        "kms:DescribeKey",
        new JsonObject { ["StringEquals"] = SourceScope(account, sourceArns) });

    public static JsonObject UseKey(string account, IReadOnlyList<string>? sourceArns) => Statement(
        UseKeySid,
        new JsonObject { ["Service"] = Array(Services) },
        Array(RequiredRequestCatalog.CryptoActions),
        new JsonObject
        {
            ["StringEquals"] = SourceScope(account, sourceArns),
            ["ForAnyValue:StringEquals"] = new JsonObject { ["kms:EncryptionContextKeys"] = Array(ContextKeys) },
        });

    public static JsonObject OrgPrincipals(string? orgId) => Statement(
        OrgPrincipalsSid,
        null,
        "kms:Decrypt",
        new JsonObject
        {
            ["StringEquals"] = new JsonObject { ["aws:PrincipalOrgID"] = orgId ?? "${aws:ResourceOrgID}" },
            ["StringLike"] = new JsonObject { ["kms:ViaService"] = Array(ViaServices) },
            ["ForAnyValue:StringEquals"] = new JsonObject { ["kms:EncryptionContextKeys"] = Array(ContextKeys) },
        });

    public static JsonObject ManagedApps(string? orgId) => Statement(
        ManagedAppsSid,
        null,
        "kms:Decrypt",
        new JsonObject
        {
            ["Bool"] = new JsonObject { ["aws:PrincipalIsAWSService"] = "true" },
            ["StringEquals"] = new JsonObject { ["aws:SourceOrgID"] = orgId ?? "${aws:ResourceOrgID}" },
            ["StringLike"] = new JsonObject { ["kms:ViaService"] = Array(ViaServices) },
            ["ForAnyValue:StringEquals"] = new JsonObject { ["kms:EncryptionContextKeys"] = Array(ContextKeys) },
        });

    // AWS's documented hardening pins the service statements to this instance and identity store when known.
    private static JsonObject SourceScope(string account, IReadOnlyList<string>? sourceArns)
    {
        var scope = new JsonObject { ["aws:SourceAccount"] = account };
        if (sourceArns is { Count: > 0 })
        {
            scope["aws:SourceArn"] = Array(sourceArns);
        }

        return scope;
    }

    private static JsonObject Statement(string sid, JsonObject? principal, JsonNode action, JsonObject? condition)
    {
        var statement = new JsonObject
        {
            ["Sid"] = sid,
            ["Effect"] = "Allow",
            ["Principal"] = principal ?? (JsonNode)"*",
            ["Action"] = action,
            ["Resource"] = "*",
        };
        if (condition is not null)
        {
            statement["Condition"] = condition;
        }

        return statement;
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
