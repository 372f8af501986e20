using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Aws.Tests.State;

public sealed class KnownGoodPolicyTests
{
    private const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task GetKnownGoodPolicyAsync_WhenNothingWasSaved_ShouldReturnNull()
    {
        using var table = await StateTestTable.CreateAsync();

        Assert.Null(await table.Store.GetKnownGoodPolicyAsync(KeyArn, None));
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/Admin")]
    [InlineData(null)]
    public async Task SaveKnownGoodPolicyAsync_WhenSaved_ShouldBeWhatGetReturns(string? actor)
    {
        using var table = await StateTestTable.CreateAsync();
        var policy = Policy("v1", StateTestTable.Start) with { Actor = actor };

        await table.Store.SaveKnownGoodPolicyAsync(policy, None);

        Assert.Equal(policy, await table.Store.GetKnownGoodPolicyAsync(KeyArn, None));
        Assert.Null(await table.Store.GetKnownGoodPolicyAsync(KeyArn.Replace("us-east-1", "eu-west-1", StringComparison.Ordinal), None));
    }

    [Fact]
    public async Task SaveKnownGoodPolicyAsync_WhenANewerObservationArrives_ShouldReplaceTheOlder()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.SaveKnownGoodPolicyAsync(Policy("v1", StateTestTable.Start), None);
        var newer = Policy("v2", StateTestTable.Start.AddMinutes(1));

        await table.Store.SaveKnownGoodPolicyAsync(newer, None);

        Assert.Equal(newer, await table.Store.GetKnownGoodPolicyAsync(KeyArn, None));
    }

    [Fact]
    public async Task SaveKnownGoodPolicyAsync_WhenAnOlderObservationArrivesLate_ShouldKeepTheNewer()
    {
        using var table = await StateTestTable.CreateAsync();
        var newer = Policy("v2", StateTestTable.Start.AddMinutes(1));
        await table.Store.SaveKnownGoodPolicyAsync(newer, None);

        await table.Store.SaveKnownGoodPolicyAsync(Policy("v1", StateTestTable.Start), None);

        Assert.Equal(newer, await table.Store.GetKnownGoodPolicyAsync(KeyArn, None));
        Assert.False((await table.ItemAsync("policy#" + KeyArn)).ContainsKey("expiresAt"));
    }

    private static KnownGoodPolicy Policy(string version, DateTimeOffset observedAt) => new(
        KeyArn,
        $$"""{"Version":"2012-10-17","Id":"{{version}}","Statement":[]}""",
        version.PadLeft(64, '0'),
        observedAt,
        "arn:aws:iam::111122223333:role/Admin");
}
