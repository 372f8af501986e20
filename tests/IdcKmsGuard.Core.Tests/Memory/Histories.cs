using CsCheck;

namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>Random histories of 5 to 40 steps: changes by three people, deliveries (in order, out of order, again, never),
/// sweeps, configuration edits and time passing. Half of them start with the break-glass exemption configured.</summary>
internal static class Histories
{
    private static readonly Gen<Step> Steps = Gen.Frequency(
        (8, Gen.Select(Gen.Enum<Person>(), Gen.Enum<KeyAction>(), (who, what) => (Step)new Change(who, what))),
        (7, Gen.Select(Gen.Int[0, 7], Gen.Bool, (pick, inOrder) => (Step)new Deliver(pick, inOrder))),
        (1, Gen.Int[0, 7].Select(pick => (Step)new Redeliver(pick))),
        (3, Gen.Const((Step)new Sweep())),
        (2, Gen.Select(Gen.Enum<ConfigurationEdit>(), Gen.Int[0, 3], (edit, rule) => (Step)new Configure(edit, rule))),
        (1, Gen.OneOfConst(20, 45, 100, 200).Select(minutes => (Step)new Advance(minutes))));

    public static Gen<Step[]> Any { get; } = Of(Steps, 40);

    /// <summary>Histories for a world on the real clock: no time passes but the steps' own, at most 20 steps.</summary>
    public static Gen<Step[]> OnTheRealClock { get; } = Of(Steps.Where(step => step is not Advance), 20);

    private static Gen<Step[]> Of(Gen<Step> steps, int longest) => Gen.Select(
        Gen.Bool,
        steps.Array[5, longest],
        (exempt, drawn) => exempt ? [new Configure(ConfigurationEdit.AddExemption, 0), .. drawn] : drawn);

    /// <summary>How many histories a run samples: IDCKMSGUARD_HISTORIES, or 10,000 (CI's number).</summary>
    public static int Count =>
        int.TryParse(Environment.GetEnvironmentVariable("IDCKMSGUARD_HISTORIES"), out var count) && count > 0 ? count : 10_000;

    /// <summary>A seed to replay (printed by a failing run), from IDCKMSGUARD_HISTORY_SEED.</summary>
    public static string? Seed => Environment.GetEnvironmentVariable("IDCKMSGUARD_HISTORY_SEED");

    public static string Print(Step[] steps) => string.Join("; ", steps.Select((s, i) => $"{i + 1}. {s}"));
}
