using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Aws.Tests.State;

public sealed class KeyInUseTests
{
    private const string Instance = "arn:aws:sso:::instance/ssoins-1111222233334444";
    private const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task GetKeyInUseAsync_WhenNeverSeen_ShouldReturnNull()
    {
        using var table = await StateTestTable.CreateAsync();

        Assert.Null(await table.Store.GetKeyInUseAsync(Instance, None));
    }

    [Fact]
    public async Task SaveKeyInUseAsync_WhenIdentityCenterUsesAnAwsOwnedKey_ShouldKeepTheEmptyMarker()
    {
        using var table = await StateTestTable.CreateAsync();
        var awsOwned = new KeyInUse(Instance, string.Empty, StateTestTable.Start);

        await table.Store.SaveKeyInUseAsync(awsOwned, None);

        Assert.Equal(awsOwned, await table.Store.GetKeyInUseAsync(Instance, None));
    }

    [Fact]
    public async Task SaveKeyInUseAsync_WhenAnOlderObservationArrivesLate_ShouldKeepTheNewer()
    {
        using var table = await StateTestTable.CreateAsync();
        var newer = new KeyInUse(Instance, KeyArn, StateTestTable.Start);
        var older = new KeyInUse(Instance, KeyArn.Replace("mrk-1234", "mrk-9999", StringComparison.Ordinal), StateTestTable.Start.AddMinutes(-5));

        await table.Store.SaveKeyInUseAsync(newer, None);
        await table.Store.SaveKeyInUseAsync(older, None);

        Assert.Equal(newer, await table.Store.GetKeyInUseAsync(Instance, None));
    }
}
