namespace IdcKmsGuard.Core.Policy;

public sealed record AccessGap(string Principal, string Action, string Reason);

public sealed record ServiceAccessReport(IReadOnlyList<AccessGap> Gaps, string? ParseError)
{
    public bool IsHealthy => Gaps.Count == 0 && ParseError is null;
}
