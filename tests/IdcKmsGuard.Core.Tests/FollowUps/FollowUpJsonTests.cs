using IdcKmsGuard.Core.FollowUps;

namespace IdcKmsGuard.Core.Tests.FollowUps;

public sealed class FollowUpJsonTests
{
    [Fact]
    public void Read_WhenGivenWhatWriteWrote_ShouldRoundTrip()
    {
        var followUp = new FollowUp("""{"detail-type": "AWS API Call via CloudTrail", "detail": {"eventName": "UpdateInstance"}}""", 3, new DateTimeOffset(2026, 11, 30, 7, 3, 0, TimeSpan.Zero));

        Assert.Equal(followUp, FollowUpJson.Read(FollowUpJson.Write(followUp)));
    }

    [Fact]
    public void Write_ShouldNameItsKind()
    {
        var body = FollowUpJson.Write(new FollowUp("{}", 1, DateTimeOffset.UnixEpoch));

        Assert.StartsWith("""{"kind":"idckmsguard.follow-up/1","attempt":1,""", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "The message is not a follow-up: ")]
    [InlineData("null", "The message is not a follow-up: it is null.")]
    [InlineData("""{"kind": "idckmsguard.follow-up/2", "attempt": 1, "updatingSince": "2026-11-30T07:03:00Z", "event": "{}"}""", "kind 'idckmsguard.follow-up/2', expected 'idckmsguard.follow-up/1'")]
    [InlineData("""{"kind": "idckmsguard.follow-up/1", "attempt": 0, "updatingSince": "2026-11-30T07:03:00Z", "event": "{}"}""", "attempt must be 1 or more, not 0")]
    [InlineData("""{"kind": "idckmsguard.follow-up/1", "attempt": 1, "updatingSince": "2026-11-30T07:03:00Z"}""", "The follow-up carries no event.")]
    public void Read_WhenTheBodyIsNotAFollowUp_ShouldSayWhy(string body, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FollowUpJson.Read(body));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
