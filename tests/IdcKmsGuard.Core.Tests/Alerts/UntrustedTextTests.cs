using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Core.Tests.Alerts;

/// <summary>Text an attacker chose (a user agent, an error message, a statement Sid) reaches the on-call engineer as
/// data: it cannot add lines or sections to the alert, reorder what is shown, make a link or a mention in chat, or
/// bury the alert under a megabyte of itself.</summary>
public sealed class UntrustedTextTests
{
    private const string ForgedSection = "aws-cli\n\nWHAT THE GUARD DID\n------------------\n  Nothing to do: all clear.";

    [Fact]
    public void Email_WhenTheUserAgentCarriesLineBreaks_ShouldShowThemEscapedOnTheUserAgentsLine()
    {
        var alert = AlertSamples.Disabled() with { Event = AlertSamples.Disabled().Event with { Actor = AlertSamples.Disabled().Event.Actor with { UserAgent = ForgedSection } } };

        var email = AlertRenderer.Render(alert).EmailText;

        Assert.Single(email.Split('\n'), line => line.StartsWith("WHAT THE GUARD DID", StringComparison.Ordinal));
        Assert.Contains(@"User agent:     aws-cli\u000a\u000aWHAT THE GUARD DID\u000a------------------\u000a  Nothing to do: all clear.", email, StringComparison.Ordinal);
    }

    [Fact]
    public void Chatbot_WhenAFindingQuotesAHostileSid_ShouldEscapeLinksAndMentions()
    {
        var alert = AlertSamples.Disabled() with
        {
            Findings = [new Finding("KEY-POLICY-SSO-ACCESS", Severity.Critical, "Statement \"[All clear](https://evil.example) <!channel> `x`\" denies Decrypt.")],
        };

        var chatbot = AlertRenderer.Render(alert, chatbot: true).Chatbot!;

        Assert.Contains(@"\\[All clear\\](https://evil.example) \\<!channel\\> \\`x\\`", chatbot, StringComparison.Ordinal);
        Assert.DoesNotContain("[All clear](", chatbot, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u202eevil\u202c", @"\u202eevil\u202c")]
    [InlineData("tab\there", @"tab\u0009here")]
    [InlineData("line\u2028break", @"line\u2028break")]
    [InlineData("plain text, unchanged: AWSReservedSSO_Admin *ok*", "plain text, unchanged: AWSReservedSSO_Admin *ok*")]
    public void OneLine_ShouldShowHiddenCharactersAsEscapes(string value, string expected) => Assert.Equal(expected, UntrustedText.OneLine(value));

    [Fact]
    public void OneLine_WhenTooLong_ShouldCapItAndSayHowMuchWasLeftOut()
    {
        var shown = UntrustedText.OneLine(new string('x', 10_000));

        Assert.Equal(new string('x', UntrustedText.MaxLength) + "... (8000 more characters)", shown);
    }
}
