using CsCheck;

namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>
/// The guard's memory (exempt changes, incidents, the alert ledger, what it saw) against the <see cref="ReferenceModel"/>
/// over random histories. A failure shrinks to a short history, prints it with the step where the guard and the model
/// part, and prints a seed: IDCKMSGUARD_HISTORY_SEED=&lt;seed&gt; replays it. IDCKMSGUARD_HISTORIES sets how many run.
/// </summary>
public sealed class GuardMemoryPropertyTests
{
    [Fact]
    public void The_guard_agrees_with_the_reference_model_over_random_histories()
    {
        Histories.Any.Sample(
            steps =>
            {
                using var world = new InMemoryGuardWorld();
                return HistoryRun.Of(steps, world).Disagreement is not { } disagreement ? true : throw new HistoryDisagreementException(disagreement);
            },
            seed: Histories.Seed,
            iter: Histories.Count,
            print: Histories.Print);
    }
}

internal sealed class HistoryDisagreementException(string message) : Exception(message);
