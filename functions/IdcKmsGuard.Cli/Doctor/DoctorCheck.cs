namespace IdcKmsGuard.Cli.Doctor;

/// <summary>One thing a careful operator would look at, and what they found.</summary>
/// <param name="Id">Stable, for scripts: STACK, TRAIL, KEY-TAGGED, RULES, QUEUES, SUBSCRIBED, CONFIGURATION, FUNCTION.</param>
/// <param name="Fix">What to do when it failed, as a command where one exists.</param>
internal sealed record DoctorCheck(string Id, string Title, bool Passed, string Detail, string? Fix)
{
    /// <summary>Failed because AWS did not answer or refused the read, not because of what it read.</summary>
    public bool Unchecked { get; init; }

    public static DoctorCheck Pass(string id, string title, string detail) => new(id, title, true, detail, null);

    public static DoctorCheck Fail(string id, string title, string detail, string fix) => new(id, title, false, detail, fix);
}
