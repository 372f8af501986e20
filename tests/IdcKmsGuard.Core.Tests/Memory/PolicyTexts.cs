using System.Text.Json.Nodes;

namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>The policies a history puts on a key, made from the key's healthy baseline, and what kind each text is.</summary>
internal sealed class PolicyTexts(string baseline)
{
    private const string UseKey = "AllowIdentityCenterAndIdentityStoreToUseKey";
    private const string DescribeKey = "AllowIdentityCenterAndIdentityStoreToDescribeKey";

    public string Baseline { get; } = baseline;

    public string LockedOut { get; } = Without(baseline, UseKey);

    public string LockedOutOtherwise { get; } = Without(baseline, UseKey, DescribeKey);

    public string Text(PolicyKind kind) => kind switch
    {
        PolicyKind.LockedOut => LockedOut,
        PolicyKind.LockedOutOtherwise => LockedOutOtherwise,
        _ => Baseline,
    };

    /// <summary>Any other text is the guard's repair.</summary>
    public PolicyKind KindOf(string policy) =>
        policy == Baseline ? PolicyKind.Baseline
        : policy == LockedOut ? PolicyKind.LockedOut
        : policy == LockedOutOtherwise ? PolicyKind.LockedOutOtherwise
        : PolicyKind.Repaired;

    private static string Without(string baseline, params string[] sids)
    {
        var policy = JsonNode.Parse(baseline)!;
        var statements = policy["Statement"]!.AsArray();
        foreach (var statement in statements.Where(s => sids.Contains((string?)s!["Sid"])).ToList())
        {
            statements.Remove(statement);
        }

        return policy.ToJsonString();
    }
}
