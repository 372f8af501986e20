using IdcKmsGuard.Core.FollowUps;

namespace IdcKmsGuard.Core.Tests.FollowUps;

public sealed class FollowUpJsonTests
{
    [Fact]
    public void Read_WhenGivenWhatWriteWrote_ShouldRoundTrip()
    {
        var followUp = new FollowUp("0c4a2f1e-0000-4000-8000-000000000021", 3, new DateTimeOffset(2026, 11, 30, 7, 3, 0, TimeSpan.Zero));

        Assert.Equal(followUp, FollowUpJson.Read(FollowUpJson.Write(followUp)));
    }

    // The message names the event the guard kept; it never carries one.
    [Fact]
    public void Write_ShouldNameItsKindAndTheEventOnly()
    {
        var body = FollowUpJson.Write(new FollowUp("event-1", 1, DateTimeOffset.UnixEpoch));

        Assert.Equal("""{"kind":"idckmsguard.follow-up/2","attempt":1,"updatingSince":"1970-01-01T00:00:00+00:00","eventId":"event-1"}""", body);
    }

    [Theory]
    [InlineData("not json", "The message is not a follow-up: ")]
    [InlineData("null", "The message is not a follow-up: it is null.")]
    [InlineData("""{"kind": "idckmsguard.follow-up/1", "attempt": 1, "updatingSince": "2026-11-30T07:03:00Z", "event": "{}"}""", "kind 'idckmsguard.follow-up/1', expected 'idckmsguard.follow-up/2'")]
    [InlineData("""{"kind": "idckmsguard.follow-up/2", "attempt": 0, "updatingSince": "2026-11-30T07:03:00Z", "eventId": "e"}""", "attempt must be 1 or more, not 0")]
    [InlineData("""{"kind": "idckmsguard.follow-up/2", "attempt": 1, "updatingSince": "2026-11-30T07:03:00Z", "event": "{}"}""", "The follow-up names no event.")]
    public void Read_WhenTheBodyIsNotAFollowUp_ShouldSayWhy(string body, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FollowUpJson.Read(body));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
