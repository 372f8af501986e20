using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;
using IdcKmsGuard.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace IdcKmsGuard.Core.Tests.Guarding;

public sealed class IncidentMemoryUpdatesTests
{
    private static readonly IncidentScope Scope = IncidentScope.ForKey(KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"));
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Update_WhenAnotherInvocationWritesBetweenReadAndWrite_ShouldDecideAgainFromWhatIsStored()
    {
        var state = new InMemoryStateStore(new FakeTimeProvider(Now));
        var seen = new List<string?>();

        var result = await IncidentMemoryUpdates.UpdateAsync(state, Scope, stored =>
        {
            seen.Add(stored?.Open.ToString());
            if (seen.Count == 1)
            {
                // The sweep saves its finding while this event is deciding.
                state.Incidents[Scope.Arn] = new IncidentMemory(Scope, RuleSet.Parse("KEY-ROTATION"), 1, Now);
            }

            var open = (stored?.Open ?? RuleSet.Empty).Union(["KEY-ENABLED"]);
            return (new IncidentMemory(Scope, open, 1, Now), open.ToString());
        }, CancellationToken.None);

        Assert.Equal([null, "KEY-ROTATION"], seen);
        Assert.Equal("KEY-ENABLED,KEY-ROTATION", result);
        Assert.Equal(RuleSet.Parse("KEY-ENABLED,KEY-ROTATION"), state.Incidents[Scope.Arn].Open);
    }

    [Fact]
    public async Task Update_WhenOthersWriteFirstEveryTime_ShouldGiveUpWithAConcurrencyConflict()
    {
        var state = new InMemoryStateStore(new FakeTimeProvider(Now));
        var reads = 0;

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => IncidentMemoryUpdates.UpdateAsync(state, Scope, stored =>
        {
            reads++;
            state.Incidents[Scope.Arn] = new IncidentMemory(Scope, RuleSet.Parse("KEY-ROTATION"), reads, Now);
            return (new IncidentMemory(Scope, RuleSet.Parse("KEY-ENABLED"), 1, Now), true);
        }, CancellationToken.None));

        Assert.Equal(3, reads);
        Assert.Equal((Scope.Arn, 3, "ConcurrencyConflict"), (conflict.Resource, conflict.Attempts, conflict.ErrorType));
        Assert.Equal(RuleSet.Parse("KEY-ROTATION"), state.Incidents[Scope.Arn].Open);
    }
}
