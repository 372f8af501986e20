using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using IdcKmsGuard.Aws.Signing;

namespace IdcKmsGuard.Aws.Credentials;

/// <summary>
/// AWSSDK.Core's default chain (environment, profile, container, IMDS), so the thin clients find credentials
/// exactly where the KMS SDK client does. The resolved <see cref="AWSCredentials"/> refreshes itself.
/// </summary>
public sealed class SdkCredentialSource : IAwsCredentialSource
{
    private readonly Lazy<Task<AWSCredentials>> credentials;

    public SdkCredentialSource()
        : this(static () => new DefaultAWSCredentialsIdentityResolver().ResolveIdentityAsync(null!, CancellationToken.None))
    {
    }

    public SdkCredentialSource(AWSCredentials credentials)
        : this(() => Task.FromResult(credentials))
    {
    }

    private SdkCredentialSource(Func<Task<AWSCredentials>> resolve) => credentials = new Lazy<Task<AWSCredentials>>(resolve);

    public AWSCredentials SdkCredentials => credentials.Value.GetAwaiter().GetResult();

    public async Task<AwsCredentials> GetAsync(CancellationToken cancellationToken)
    {
        var resolved = await credentials.Value.ConfigureAwait(false);
        var immutable = await resolved.GetCredentialsAsync().ConfigureAwait(false);
        return new AwsCredentials(immutable.AccessKey, immutable.SecretKey, immutable.UseToken ? immutable.Token : null);
    }
}
