using IdcKmsGuard.Aws.Credentials;

namespace IdcKmsGuard.Cli;

/// <summary>What commands that call AWS take from the outside world; tests give an account on the stand-in.</summary>
/// <param name="Credentials">The credential chain (environment, profile, container, IMDS by default).</param>
/// <param name="Environment">Environment variables (AWS_REGION, AWS_ENDPOINT_URL...).</param>
internal sealed record CliServices(Func<SdkCredentialSource> Credentials, Func<string, string?> Environment)
{
#pragma warning disable RS0030 // A composition root: the one place this process's environment is read.
    public static CliServices FromProcess { get; } = new(() => new SdkCredentialSource(), System.Environment.GetEnvironmentVariable);
#pragma warning restore RS0030
}
