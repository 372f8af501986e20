using IdcKmsGuard.Aws.Configuration;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>The configuration a deployed guard runs on, read from its SSM parameter as the guard reads it.</summary>
internal static class DeployedConfiguration
{
    public static async Task<(int Exit, GuardConfiguration? Configuration)> ReadAsync(
        AwsCallContext context, string parameter, TextWriter error, CancellationToken cancellationToken)
    {
        var source = new SsmConfigurationSource(
            new SsmClientFactory(context.Credentials.SdkCredentials, context.Endpoints).For(context.Region), parameter);
        try
        {
            if (await source.ReadAsync(cancellationToken).ConfigureAwait(false) is not { } document)
            {
                error.WriteLine($"error: no SSM parameter {parameter} in {context.Region} (the stack's ConfigurationParameter output names it).");
                return (ExitCodes.BadInput, null);
            }

            return (ExitCodes.Ok, ConfigurationParser.Parse(document.Text));
        }
        catch (ConfigurationException e)
        {
            error.WriteLine($"error: ssm:{parameter}: {e.Location.ReplaceLineEndings(" ")}: {e.Problem}");
            return (ExitCodes.BadInput, null);
        }
        catch (AwsCallException e)
        {
            error.WriteLine($"error: ssm:{parameter}: {e.Message.ReplaceLineEndings(" ")}");
            return (ExitCodes.AwsUnavailable, null);
        }
    }
}
