using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>
/// One exit-code scheme for every command, so a pipeline branches the same way on each (sysexits.h's numbers where one
/// fits): 0 healthy or done, 1 findings below the threshold, 2 a finding at or above it, 64 usage, 65 bad input,
/// 69 AWS unreachable or refusing, 75 not finished yet.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Healthy, or done.</summary>
    public const int Ok = 0;

    /// <summary>Findings, none at or above the threshold (--fail-on; critical unless given).</summary>
    public const int FindingsBelowThreshold = 1;

    /// <summary>A finding at or above the threshold; a change refused or failed because of one.</summary>
    public const int FindingsAtThreshold = 2;

    /// <summary>Unknown command or option, a required option missing, a value the option does not take, no Region,
    /// an unknown profile: the command did not run (EX_USAGE).</summary>
    public const int Usage = 64;

    /// <summary>The input (a policy, an event, a configuration document) cannot be read or is refused (EX_DATAERR).</summary>
    public const int BadInput = 65;

    /// <summary>AWS could not be reached, refused the caller, or kept failing after retries (EX_UNAVAILABLE).</summary>
    public const int AwsUnavailable = 69;

    /// <summary>Not finished yet, try again later: enable-cmk's switch still UPDATING (EX_TEMPFAIL).</summary>
    public const int NotYet = 75;

    /// <summary>The help text's table, one line per code.</summary>
    public const string Table =
        "Exit codes: 0 healthy or done; 1 findings below the threshold; 2 a finding at or above it (--fail-on, critical unless given); "
        + "64 usage (unknown option, missing or invalid value, no Region, unknown profile); 65 bad input (unreadable or refused "
        + "policy, event or configuration); 69 AWS unreachable, refusing or failing after retries; 75 not finished yet (retry later).";

    public static int ForFindings(IEnumerable<Severity> findings, Severity threshold)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var severities = findings.ToList();
        return severities.Count == 0 ? Ok : severities.Max() >= threshold ? FindingsAtThreshold : FindingsBelowThreshold;
    }

    /// <summary>A failure of a command that calls AWS: AWS's own, or the input's.</summary>
    public static int ForFailure(Exception failure) => IsAwsFailure(failure) ? AwsUnavailable : BadInput;

    /// <summary>AWS did not answer, refused, or kept failing: through our thin clients or the SDK's.</summary>
    public static bool IsAwsFailure(Exception failure) =>
        failure is AwsCallException or HttpRequestException or Amazon.Runtime.AmazonClientException or Amazon.Runtime.AmazonServiceException;
}
