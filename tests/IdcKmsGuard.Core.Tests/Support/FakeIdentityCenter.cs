using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Core.Tests.Support;

internal sealed class FakeIdentityCenter(EncryptionConfiguration encryption) : IIdentityCenter
{
    public const string InstanceArn = "arn:aws:sso:::instance/ssoins-1111222233334444";

    public EncryptionConfiguration Encryption { get; set; } = encryption;

    /// <summary>Regions besides the primary (us-east-1) that the instance is replicated to.</summary>
    public List<string> AdditionalRegions { get; } = [];

    public static FakeIdentityCenter UsingKey(KeyArn key) =>
        new(new EncryptionConfiguration(EncryptionKeyType.CustomerManagedKey, key, EncryptionStatus.Enabled, null));

    public Task<IReadOnlyList<IdentityCenterInstance>> DescribeInstancesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IdentityCenterInstance>>([Instance()]);

    public Task<IdentityCenterInstance> DescribeInstanceAsync(string instanceArn, CancellationToken cancellationToken) =>
        instanceArn == InstanceArn
            ? Task.FromResult(Instance())
            : throw new Errors.AwsCallException("sso", "DescribeInstance", "ResourceNotFoundException", $"Instance {instanceArn} does not exist.", "req-1", 400, instanceArn);

    public List<string> Switches { get; } = [];

    /// <summary>What DescribeInstance shows right after a switch; default: the new key, ENABLED.</summary>
    public Func<KeyArn, EncryptionConfiguration> AfterSwitch { get; set; } =
        key => new EncryptionConfiguration(EncryptionKeyType.CustomerManagedKey, key, EncryptionStatus.Enabled, null);

    public Errors.AwsCallException? SwitchFailure { get; set; }

    public Task SwitchToCustomerManagedKeyAsync(string instanceArn, KeyArn key, CancellationToken cancellationToken)
    {
        Switches.Add($"{instanceArn} -> {key}");
        if (SwitchFailure is { } failure)
        {
            throw failure;
        }

        Encryption = AfterSwitch(key);
        return Task.CompletedTask;
    }

    public Task SwitchToAwsOwnedKeyAsync(string instanceArn, CancellationToken cancellationToken)
    {
        Switches.Add($"{instanceArn} -> AWS owned");
        Encryption = EncryptionConfiguration.AwsOwned;
        return Task.CompletedTask;
    }

    private IdentityCenterInstance Instance() =>
        new(InstanceArn, "d-1234567890", "111122223333", "corp", "ACTIVE", "us-east-1", Encryption)
        {
            Regions = [new IdentityCenterRegion("us-east-1", "ACTIVE", true), .. AdditionalRegions.Select(r => new IdentityCenterRegion(r, "ACTIVE", false))],
        };
}
