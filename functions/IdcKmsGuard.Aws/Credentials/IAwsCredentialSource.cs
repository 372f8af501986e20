using IdcKmsGuard.Aws.Signing;

namespace IdcKmsGuard.Aws.Credentials;

public interface IAwsCredentialSource
{
    Task<AwsCredentials> GetAsync(CancellationToken cancellationToken);
}
