using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Core.Tests.Configuration;

public sealed class ConfigurationParserExemptionTests
{
    [Fact]
    public void Parse_WhenExemptionsAreGiven_ShouldCarryPatternTimeReasonAndTagKey()
    {
        var configuration = ConfigurationParser.Parse(Documents.With("""
            "exemptions": {
              "principals": [
                { "arnPattern": "arn:aws:iam::111122223333:role/BreakGlass*", "until": "2026-12-31T00:00:00Z", "reason": "planned key maintenance" },
                { "arnPattern": "arn:aws:sts::111122223333:assumed-role/Ops/alice" }
              ],
              "suspendTagKey": "maintenance:until" }
            """));

        Assert.Equal(
            [
                new PrincipalExemption("arn:aws:iam::111122223333:role/BreakGlass*", new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero), "planned key maintenance"),
                new PrincipalExemption("arn:aws:sts::111122223333:assumed-role/Ops/alice", null, null),
            ],
            configuration.PrincipalExemptions);
        Assert.Equal("maintenance:until", configuration.SuspendTagKey);
    }

    [Theory]
    [InlineData("2026-12-31T00:00:00+02:00", "2026-12-30T22:00:00Z")]
    [InlineData("2026-12-31T10:30:00.25-05:30", "2026-12-31T16:00:00.25Z")]
    public void Parse_WhenUntilHasAnOffset_ShouldKeepTheInstant(string until, string utc)
    {
        var exemption = ConfigurationParser.Parse(Documents.Exemption($$"""{ "arnPattern": "arn:aws:iam::111122223333:root", "until": "{{until}}" }""")).PrincipalExemptions[0];

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), exemption.Until);
    }

    [Theory]
    [InlineData("2026-12-31")]
    [InlineData("2026-12-31T00:00:00")]
    [InlineData("2026-12-31 00:00:00Z")]
    [InlineData("2026-12-31t00:00:00z")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-12-31T25:00:00Z")]
    [InlineData("31/12/2026")]
    [InlineData("next friday")]
    public void Parse_WhenUntilIsNotIso8601WithOffset_ShouldRefuseItByIndex(string until)
    {
        var json = Documents.With($$"""
            "exemptions": { "principals": [ { "arnPattern": "arn:aws:iam::111122223333:root" }, { "arnPattern": "arn:aws:iam::111122223333:root", "until": "{{until}}" } ] }
            """);

        var refusal = Documents.Refusal(json);

        Assert.Equal(("exemptions.principals[1].until", $"'{until}' is not an ISO 8601 time with an offset, such as 2026-12-31T00:00:00Z"), (refusal.Location, refusal.Problem));
    }

    [Theory]
    [InlineData("""{ "until": "2026-12-31T00:00:00Z" }""", "exemptions.principals[0].arnPattern", "is required")]
    [InlineData("""{ "arnPattern": "arn:aws:iam::111122223333:root", "expires": "2026-12-31T00:00:00Z" }""", "exemptions.principals[0].expires", "unknown element; expected one of: arnPattern, until, reason")]
    [InlineData("""{ "arnPattern": "arn:aws:iam::111122223333:root", "reason": "" }""", "exemptions.principals[0].reason", "must not be empty")]
    [InlineData("""{ "arnPattern": "arn:aws:iam::111122223333:root", "reason": "a\tb" }""", "exemptions.principals[0].reason", "must not contain control characters (line breaks, tabs)")]
    [InlineData("""{ "arnPattern": "arn:aws:iam::111122223333:root", "until": null }""", "exemptions.principals[0].until", "must not be null; leave the element out to use the default")]
    [InlineData("\"arn:aws:iam::111122223333:root\"", "exemptions.principals[0]", "must be an object, not a string")]
    public void Parse_WhenAPrincipalExemptionIsMalformed_ShouldRefuseTheElement(string principal, string location, string problem)
    {
        var refusal = Documents.Refusal(Documents.Exemption(principal));

        Assert.Equal((location, problem), (refusal.Location, refusal.Problem));
    }

    [Fact]
    public void Parse_WhenReasonIsLongerThanTheLimit_ShouldRefuseItCountingCharactersNotUtf16Units()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F511", ConfigurationLimits.MaxReasonLength));
        var accepted = ConfigurationParser.Parse(Documents.Exemption($$"""{ "arnPattern": "arn:aws:iam::111122223333:root", "reason": "{{emoji}}" }"""));

        var refusal = Documents.Refusal(Documents.Exemption($$"""{ "arnPattern": "arn:aws:iam::111122223333:root", "reason": "{{emoji}}x" }"""));

        Assert.Equal(emoji, accepted.PrincipalExemptions[0].Reason);
        Assert.Equal(("exemptions.principals[0].reason", "is 257 characters long; the limit is 256"), (refusal.Location, refusal.Problem));
    }

    [Fact]
    public void Parse_WhenTooManyPrincipalExemptions_ShouldRefuseTheList()
    {
        var many = string.Join(", ", Enumerable.Repeat("""{ "arnPattern": "arn:aws:iam::111122223333:root" }""", 51));

        var refusal = Documents.Refusal(Documents.Exemption(many));

        Assert.Equal(("exemptions.principals", "has 51 entries; the limit is 50"), (refusal.Location, refusal.Problem));
    }

    [Theory]
    [InlineData("\"aws:suspend\"")]
    [InlineData("\"AWS:suspend\"")]
    [InlineData("\"suspend!\"")]
    [InlineData("\"\"")]
    public void Parse_WhenSuspendTagKeyIsNotAUsableTagKey_ShouldRefuseIt(string key)
    {
        var refusal = Documents.Refusal(Documents.With($"\"exemptions\": {{ \"suspendTagKey\": {key} }}"));

        Assert.Equal("exemptions.suspendTagKey", refusal.Location);
    }

    [Fact]
    public void Parse_WhenSuspendTagKeyIsLongerThanKmsAllows_ShouldRefuseIt()
    {
        var refusal = Documents.Refusal(Documents.With($"\"exemptions\": {{ \"suspendTagKey\": \"{new string('k', 129)}\" }}"));

        Assert.Equal(("exemptions.suspendTagKey", "is 129 characters long; the limit is 128"), (refusal.Location, refusal.Problem));
    }

    [Fact]
    public void Parse_WhenExemptionsHaveAnUnknownElement_ShouldListTheKnownOnes()
    {
        var refusal = Documents.Refusal(Documents.With("\"exemptions\": { \"principal\": [] }"));

        Assert.Equal(("exemptions.principal", "unknown element (did you mean principals?); expected one of: principals, suspendTagKey"), (refusal.Location, refusal.Problem));
    }
}
