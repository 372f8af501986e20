using System.Text.Json.Nodes;

namespace IdcKmsGuard.Core.Policy.Repair;

/// <param name="InstanceArn">With <paramref name="IdentityStoreArn"/>, pins the service statements to this instance (aws:SourceArn).</param>
/// <param name="Partition">aws, aws-cn or aws-us-gov: the partition of the account's ARNs.</param>
public sealed record BaselineOptions(
    string Account,
    string? OrgId,
    IReadOnlyList<string> DelegatedAdminAccounts,
    string? InstanceArn,
    string? IdentityStoreArn,
    string Partition = "aws");

/// <summary>The recommended key policy for an Identity Center key: Part 1 of setting one up.</summary>
public static class BaselinePolicy
{
    public static string Generate(BaselineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string>? sourceArns = options is { InstanceArn: { } instance, IdentityStoreArn: { } store } ? [instance, store] : null;
        var statements = new JsonArray(
            IdentityCenterStatements.Administration(
                options.Partition,
                [options.Account, .. options.DelegatedAdminAccounts.Where(a => a != options.Account).Distinct(StringComparer.Ordinal)]),
            IdentityCenterStatements.DescribeKey(options.Account, sourceArns),
            IdentityCenterStatements.UseKey(options.Account, sourceArns),
            IdentityCenterStatements.OrgPrincipals(options.OrgId),
            IdentityCenterStatements.ManagedApps(options.OrgId));
        return PolicyWriter.Write(new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = statements });
    }
}
