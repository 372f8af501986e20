namespace IdcKmsGuard.Cli.Doctor;

/// <summary>One thing a careful operator would look at, and what they found.</summary>
/// <param name="Id">Stable, for scripts: STACK, TRAIL, KEY-TAGGED, RULES, QUEUES, SUBSCRIBED, CONFIGURATION, FUNCTION.</param>
/// <param name="Fix">What to do when it failed, as a command where one exists.</param>
internal sealed record DoctorCheck(string Id, string Title, bool Passed, string Detail, string? Fix)
{
    public static DoctorCheck Pass(string id, string title, string detail) => new(id, title, true, detail, null);

    public static DoctorCheck Fail(string id, string title, string detail, string fix) => new(id, title, false, detail, fix);
}
