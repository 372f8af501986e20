namespace IdcKmsGuard.Cli.Commands;

/// <summary>Exit codes every command shares, so pipelines can branch on them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;

    /// <summary>Unknown command or option, a required option missing: the command did not run.</summary>
    public const int Usage = 64;
    public const int UnreadableInput = 2;

    /// <summary>A critical finding: the key policy would lock Identity Center out.</summary>
    public const int Critical = 2;
}
