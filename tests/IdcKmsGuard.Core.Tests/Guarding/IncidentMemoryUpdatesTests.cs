using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.State;
using IdcKmsGuard.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace IdcKmsGuard.Core.Tests.Guarding;

public sealed class IncidentMemoryUpdatesTests
{
    private const string Scope = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Update_WhenAnotherInvocationWritesBetweenReadAndWrite_ShouldDecideAgainFromWhatIsStored()
    {
        var state = new InMemoryStateStore(new FakeTimeProvider(Now));
        var seen = new List<string?>();

        var result = await IncidentMemoryUpdates.UpdateAsync(state, Scope, stored =>
        {
            seen.Add(stored?.Fingerprint);
            if (seen.Count == 1)
            {
                // The sweep saves its finding while this event is deciding.
                state.Sweeps[Scope] = new IncidentMemory(Scope, "KEY-ROTATION", 1, Now);
            }

            var fingerprint = string.Join(",", new[] { "KEY-ENABLED", stored?.Fingerprint }.Where(f => !string.IsNullOrEmpty(f)).Order(StringComparer.Ordinal));
            return (new IncidentMemory(Scope, fingerprint, 1, Now), fingerprint);
        }, CancellationToken.None);

        Assert.Equal([null, "KEY-ROTATION"], seen);
        Assert.Equal("KEY-ENABLED,KEY-ROTATION", result);
        Assert.Equal("KEY-ENABLED,KEY-ROTATION", state.Sweeps[Scope].Fingerprint);
    }
}
