using IdcKmsGuard.Core.IdentityCenter;

namespace IdcKmsGuard.Core.Ports;

/// <summary>SSO Admin, as far as the guard needs it.</summary>
public interface IIdentityCenter
{
    /// <summary>Every instance visible to the caller, each re-read with DescribeInstance.</summary>
    Task<IReadOnlyList<IdentityCenterInstance>> DescribeInstancesAsync(CancellationToken cancellationToken);

    Task<IdentityCenterInstance> DescribeInstanceAsync(string instanceArn, CancellationToken cancellationToken);

    /// <summary>UpdateInstance with a customer managed key. The switch is asynchronous: DescribeInstance then shows
    /// UPDATING, later ENABLED or UPDATE_FAILED.</summary>
    Task SwitchToCustomerManagedKeyAsync(string instanceArn, Keys.KeyArn key, CancellationToken cancellationToken);

    /// <summary>UpdateInstance back to an AWS owned key (asynchronous like the switch to a customer managed key).</summary>
    Task SwitchToAwsOwnedKeyAsync(string instanceArn, CancellationToken cancellationToken);
}
