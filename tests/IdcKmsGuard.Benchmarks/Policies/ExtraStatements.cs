using System.Globalization;
using System.Text.Json.Nodes;

namespace IdcKmsGuard.Benchmarks.Policies;

/// <summary>
/// The statements a key policy collects over the years beside Identity Center's: application and team roles with
/// conditions, other services, and Denies that never touch Identity Center's requests. Statement n is always the same.
/// </summary>
/// <remarks>
/// Templates name their variable parts in angle brackets, which policy JSON never contains: &lt;team&gt; ("identity-sync"),
/// &lt;Team&gt; ("IdentitySync", for Sids), &lt;n&gt; ("07"), &lt;account&gt; (the management or delegated admin
/// account, alternating), &lt;octet&gt;, and the fixed facts &lt;management&gt;, &lt;delegated&gt;, &lt;org&gt;, &lt;region&gt;.
/// </remarks>
internal static partial class ExtraStatements
{
    private static readonly string[] Teams =
    [
        "payments", "ledger", "reporting", "billing", "search", "ingest", "analytics", "identity-sync",
        "audit", "backup", "notifications", "catalog", "fraud", "pricing", "warehouse", "mobile-api", "risk",
    ];

    private static readonly string[] Templates =
    [
        AppRoleWithContext, ViaS3AndSecretsManager, TeamRolesByArn, DenyContractorsKeyManagement, DataKeysForS3Objects,
        OperatorsFromCorporateNetwork, DenyAuditorWrites, TenantScopedDecrypt, KeyOperatorAllButCrypto,
        DenyDeletionExceptBreakGlass, GrantsForAwsResources, CloudTrailLogs, DenyOutsideOrganization, CloudWatchLogs,
        MigrationUntil2027,
    ];

    public static JsonObject Create(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var team = Teams[n % Teams.Length];
        var text = Templates[n % Templates.Length]
            .Replace("<team>", team, StringComparison.Ordinal)
            .Replace("<Team>", string.Concat(team.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..])), StringComparison.Ordinal)
            .Replace("<n>", n.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("<account>", n % 3 == 0 ? BenchmarkFacts.DelegatedAdmin : BenchmarkFacts.Account, StringComparison.Ordinal)
            .Replace("<octet>", (n % 256).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("<management>", BenchmarkFacts.Account, StringComparison.Ordinal)
            .Replace("<delegated>", BenchmarkFacts.DelegatedAdmin, StringComparison.Ordinal)
            .Replace("<org>", BenchmarkFacts.OrgId, StringComparison.Ordinal)
            .Replace("<region>", BenchmarkFacts.Region, StringComparison.Ordinal);
        return JsonNode.Parse(text)!.AsObject();
    }
}
