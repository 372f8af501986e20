namespace IdcKmsGuard.Core.Guarding;

/// <summary>How a burst of refused calls is announced: one alert opens it, an update at most every
/// <paramref name="UpdateEvery"/>, and a check <paramref name="QuietAfter"/> after the last refusal closes it.</summary>
public sealed record KeyUseCadence(TimeSpan UpdateEvery, TimeSpan QuietAfter)
{
    /// <summary>An update every 5 minutes; quiet after 10 minutes without a refusal (CloudTrail delivers within about 5).</summary>
    public static KeyUseCadence Standard { get; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));

    /// <summary>
    /// An open burst with no refusal for this long lost its quiet check (the follow-up was dead-lettered, or none can be
    /// scheduled): the next refusal opens a new burst, with its alert, rather than counting under a forgotten one.
    /// </summary>
    public TimeSpan StaleAfter => QuietAfter * 6;

    // SQS delays a message by 15 minutes at most.
    public TimeSpan QuietCheckDelay(TimeSpan quietSoFar) =>
        TimeSpan.FromSeconds(Math.Clamp((QuietAfter - quietSoFar).TotalSeconds, 30, 900));
}
