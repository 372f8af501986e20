namespace IdcKmsGuard.Cli.Doctor;

/// <summary>`doctor --json`: { "stack", "region", "healthy", "checks": [{ "id", "title", "status", "detail", "fix" }] }.</summary>
internal sealed record DoctorDocument(string Stack, string Region, bool Healthy, IReadOnlyList<DoctorCheckDocument> Checks)
{
    public static DoctorDocument From(string stack, string region, IReadOnlyList<DoctorCheck> checks) => new(
        stack,
        region,
        checks.All(c => c.Passed),
        [.. checks.Select(c => new DoctorCheckDocument(c.Id, c.Title, c.Passed ? "pass" : "fail", c.Detail, c.Fix))]);
}

/// <param name="Status">pass or fail.</param>
internal sealed record DoctorCheckDocument(string Id, string Title, string Status, string Detail, string? Fix);
