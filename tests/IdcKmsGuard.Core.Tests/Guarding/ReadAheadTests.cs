using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.Tests.Guarding;

public sealed class ReadAheadTests
{
    [Fact]
    public async Task TakeOr_WhenTheReadWasStartedAhead_ShouldServeItOnceAndReadAfreshAfterwards()
    {
        var calls = 0;
        using var scope = ReadAhead.Begin(CancellationToken.None);
        ReadAhead.Start("r", _ => Task.FromResult(++calls));

        var first = await ReadAhead.TakeOr("r", _ => Task.FromResult(++calls), CancellationToken.None);
        var second = await ReadAhead.TakeOr("r", _ => Task.FromResult(++calls), CancellationToken.None);

        Assert.Equal((1, 2), (first, second));
    }

    [Fact]
    public async Task Start_WhenTwoReadsAreStarted_ShouldHaveBothInFlightBeforeEitherAnswers()
    {
        var answers = new TaskCompletionSource<int>();
        var inFlight = new List<string>();
        using var scope = ReadAhead.Begin(CancellationToken.None);

        ReadAhead.Start("a", _ => { inFlight.Add("a"); return answers.Task; });
        ReadAhead.Start("b", _ => { inFlight.Add("b"); return answers.Task; });
        Assert.Equal(["a", "b"], inFlight);
        answers.SetResult(7);

        Assert.Equal(7, await ReadAhead.TakeOr("a", _ => Task.FromResult(0), CancellationToken.None));
        Assert.Equal(7, await ReadAhead.TakeOr("b", _ => Task.FromResult(0), CancellationToken.None));
    }

    [Fact]
    public async Task Start_WhenOutsideAScope_ShouldReadNothingAhead()
    {
        var started = false;

        ReadAhead.Start("r", _ => { started = true; return Task.FromResult(1); });

        Assert.False(started);
        Assert.Equal(2, await ReadAhead.TakeOr("r", _ => Task.FromResult(2), CancellationToken.None));
    }

    [Fact]
    public async Task Begin_WhenAScopeIsNested_ShouldShareNoReadWithTheOuterOne()
    {
        using var outer = ReadAhead.Begin(CancellationToken.None);
        ReadAhead.Start("r", _ => Task.FromResult("outer"));

        await NestedAsync();
        var afterwards = await ReadAhead.TakeOr("r", _ => Task.FromResult("fresh"), CancellationToken.None);

        Assert.Equal("outer", afterwards);

        static async Task NestedAsync()
        {
            using var inner = ReadAhead.Begin(CancellationToken.None);
            Assert.Equal("inner", await ReadAhead.TakeOr("r", _ => Task.FromResult("inner"), CancellationToken.None));
        }
    }

    [Fact]
    public async Task Forget_WhenReadsAreUnserved_ShouldMakeTheNextCallReadAfresh()
    {
        using var scope = ReadAhead.Begin(CancellationToken.None);
        ReadAhead.Start("r", _ => Task.FromResult("before"));

        ReadAhead.Forget();

        Assert.Equal("after", await ReadAhead.TakeOr("r", _ => Task.FromResult("after"), CancellationToken.None));
    }

    [Fact]
    public void Dispose_WhenAReadIsStillRunning_ShouldCancelIt()
    {
        var token = CancellationToken.None;
        var scope = ReadAhead.Begin(CancellationToken.None);
        ReadAhead.Start("r", t => { token = t; return new TaskCompletionSource<int>().Task; });

        scope.Dispose();

        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public async Task TakeOr_WhenTheReadAheadWasCancelledButTheCallerWasNot_ShouldReadAfresh()
    {
        using var budget = new CancellationTokenSource();
        using var scope = ReadAhead.Begin(budget.Token);
        ReadAhead.Start("r", async t =>
        {
            await Task.Delay(Timeout.Infinite, t);
            return "ahead";
        });
        var served = ReadAhead.TakeOr("r", _ => Task.FromResult("fresh"), CancellationToken.None);

        await budget.CancelAsync();

        Assert.Equal("fresh", await served);
    }
}

/// <summary>What reading ahead changes for the guard: nothing it decides, only when its reads are made.</summary>
public sealed class GuardReadAheadTests
{
    [Fact]
    public async Task Handle_WhenTheKeyIsHealthy_ShouldReadItOnce()
    {
        var scenario = new GuardScenario(KeyState.Enabled);

        var result = await scenario.HandleAsync("kms-enable-key.json");

        Assert.Equal(Disposition.Healthy, result.Disposition);
        Assert.Single(scenario.Keys.Calls, c => c == $"DescribeKey {GuardScenario.Key}");
    }

    [Fact]
    public async Task Handle_WhenAnEventArrives_ShouldSendTheClaimBeforeItsFirstRead()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        bool? claimedBeforeTheFirstRead = null;
        scenario.OnConfigurationRead = () => claimedBeforeTheFirstRead ??= scenario.State.Events.Count > 0;

        var result = await scenario.HandleAsync("kms-enable-key.json");

        Assert.Equal(Disposition.Healthy, result.Disposition);
        Assert.True(claimedBeforeTheFirstRead);
    }

    [Fact]
    public async Task Handle_WhenTheGuardEnablesTheKey_ShouldVerifyWithAReadMadeAfterTheChange()
    {
        var scenario = new GuardScenario(KeyState.Disabled);

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.True(result.Alert!.Verification!.Passed);
        var reads = scenario.Keys.Calls.Where(c => c.StartsWith("DescribeKey", StringComparison.Ordinal) || c.StartsWith("EnableKey", StringComparison.Ordinal));
        Assert.Equal([$"DescribeKey {GuardScenario.Key}", $"EnableKey {GuardScenario.Key}", $"DescribeKey {GuardScenario.Key}"], reads);
    }

    [Fact]
    public async Task Handle_WhenIdentityCenterMovedToAnotherKeySinceTheLastEvent_ShouldDecideOnTheInstanceAsItIsNow()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        var other = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/mrk-99999999999999999999999999999999");
        scenario.Keys.Add(other, KeyState.Disabled);
        await scenario.HandleAsync("kms-enable-key.json");
        scenario.IdentityCenter.Encryption = new EncryptionConfiguration(EncryptionKeyType.CustomerManagedKey, other, EncryptionStatus.Enabled, null);
        scenario.Keys.SetState(GuardScenario.Key, KeyState.Disabled);

        var oldKey = await scenario.HandleAsync("kms-disable-key.json", json => json.Replace("\"eventID\": \"", "\"eventID\": \"old-", StringComparison.Ordinal));
        var newKey = await scenario.HandleAsync("kms-disable-key.json", json => json
            .Replace("mrk-1234abcd12ab34cd56ef1234567890ab", "mrk-99999999999999999999999999999999", StringComparison.Ordinal)
            .Replace("\"eventID\": \"", "\"eventID\": \"new-", StringComparison.Ordinal));

        Assert.Equal(Disposition.Ignored, oldKey.Disposition);
        Assert.Equal(KeyState.Disabled, scenario.Keys.StateOf(GuardScenario.Key));
        Assert.Equal(Disposition.Alerted, newKey.Disposition);
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(other));
    }
}
