using IdcKmsGuard.Aws.Composition;
using IdcKmsGuard.Core.Auditing;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>check-policy --key-id: the key's policy as KMS has it, and what it must allow as the guard judges it: the
/// instance that uses the key (in the key's Region: a replica serves its own) and the configuration's extra requirements.</summary>
internal static class LiveKeyPolicy
{
    public static async Task<(int Exit, (KeyPolicy Policy, IdentityCenterFacts Facts)? Live)> ReadAsync(
        CheckPolicySettings settings, CliServices services, TextWriter error, CancellationToken cancellationToken)
    {
        var key = KeyArn.Parse(settings.KeyId!);
        var aws = settings.Aws with { Region = settings.Aws.Region ?? key.Region };
        var (exit, context) = await aws.ResolveAsync(services, error, cancellationToken).ConfigureAwait(false);
        if (context is null)
        {
            return (exit, null);
        }

        var (identityCenter, keys) = AwsGuardFactory.CreateReaders(context.Region, context.Credentials, context.Endpoints, TimeProvider.System);
        try
        {
            var instances = await identityCenter.DescribeInstancesAsync(cancellationToken).ConfigureAwait(false);
            var users = instances.Where(i => i.Encryption.KmsKeyArn is { } inUse && inUse.KeyId == key.KeyId).ToList();
            if (users is not [var instance])
            {
                error.WriteLine(users.Count == 0
                    ? $"error: no Identity Center instance in {context.Region} uses {key}; "
                        + "give --policy FILE with --account, --instance-arn and --identity-store-arn to check it anyway."
                    : $"error: {users.Count} Identity Center instances use {key}; give --policy FILE with the facts of the one to check.");
                return (ExitCodes.BadInput, null);
            }

            var text = await keys.GetKeyPolicyAsync(key, cancellationToken).ConfigureAwait(false);
            var facts = RequiredAccess.For(context.Options, new ProtectedKey(instance, instance.Encryption.KmsKeyArn!, key), context.Configuration);
            return (ExitCodes.Ok, (KeyPolicyParser.Parse(text), facts));
        }
        catch (PolicyParseException e)
        {
            error.WriteLine($"error: the policy of {key}: {e.Message.ReplaceLineEndings(" ")}");
            return (ExitCodes.BadInput, null);
        }
        catch (Exception e) when (e is GuardException or HttpRequestException or Amazon.Runtime.AmazonClientException)
        {
            error.WriteLine($"error: could not read {key} or its Identity Center instance: {e.Message.ReplaceLineEndings(" ")}");
            return (ExitCodes.ForFailure(e), null);
        }
    }
}
