using System.Text;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Core.Tests.Policy.Parsing;

public sealed class KmsPolicyLimitsTests
{
    /// <summary>A valid policy padded through its Sid to exactly <paramref name="bytes"/> UTF-8 bytes.</summary>
    private static string PolicyOfSize(int bytes, char filler = 'a')
    {
        var empty = ParseAssert.Policy(ParseAssert.WithAdmin("\"Sid\": \"\""));
        var fillerBytes = Encoding.UTF8.GetByteCount([filler]);
        var missing = bytes - Encoding.UTF8.GetByteCount(empty);
        Assert.Equal(0, missing % fillerBytes);
        return ParseAssert.Policy(ParseAssert.WithAdmin($"\"Sid\": \"{new string(filler, missing / fillerBytes)}\""));
    }

    [Fact]
    public void Parse_WhenPolicyIsExactly32768Bytes_ShouldAccept()
    {
        var json = PolicyOfSize(KmsPolicyLimits.MaxBytes);

        var policy = KeyPolicyParser.Parse(json);

        Assert.Equal(32_768, policy.SizeInBytes);
        Assert.Empty(KmsPolicyLimits.Check(json));
    }

    [Fact]
    public void Parse_WhenPolicyIs32769Bytes_ShouldRejectTheSize()
    {
        ParseAssert.Fails(PolicyOfSize(KmsPolicyLimits.MaxBytes + 1), "Policy", "is 32,769 bytes (UTF-8); KMS accepts at most 32,768 bytes");
    }

    [Fact]
    public void Parse_WhenLatin1CharactersTakeTwoBytes_ShouldCountUtf8Bytes()
    {
        // 'é' is one UTF-16 char but two UTF-8 bytes: 32,768 bytes is fewer than 32,768 characters.
        var atLimit = PolicyOfSize(KmsPolicyLimits.MaxBytes, 'é');
        var overLimit = PolicyOfSize(KmsPolicyLimits.MaxBytes + 2, 'é');

        Assert.True(atLimit.Length < KmsPolicyLimits.MaxBytes);
        Assert.Equal(KmsPolicyLimits.MaxBytes, KeyPolicyParser.Parse(atLimit).SizeInBytes);
        ParseAssert.Fails(overLimit, "Policy", "is 32,770 bytes");
    }

    [Theory]
    [InlineData("Schlüssel für Identity Center")]
    [InlineData("\u00A0\u00BF\u00C0\u00FF")]
    [InlineData("~ !\"#")]
    public void Parse_WhenTextIsAsciiOrLatin1_ShouldAccept(string sid)
    {
        var json = ParseAssert.Policy(ParseAssert.WithAdmin($"\"Sid\": \"{sid.Replace("\"", "\\\"", StringComparison.Ordinal)}\""));

        Assert.Equal(sid, Assert.Single(KeyPolicyParser.Parse(json).Statements).Sid);
    }

    [Fact]
    public void Parse_WhenWhitespaceIsTabLineFeedOrCarriageReturn_ShouldAccept()
    {
        Assert.Single(KeyPolicyParser.Parse("{\t\"Statement\":\r\n" + ParseAssert.Admin + "\n}").Statements);
    }

    [Theory]
    [InlineData("\u0100", "U+0100")]
    [InlineData("Schlüssel \u2013 Identity Center", "U+2013")]
    [InlineData("鍵", "U+9375")]
    [InlineData("\U0001F511", "U+1F511")]
    [InlineData("\u0000", "U+0000")]
    [InlineData("\u001F", "U+001F")]
    [InlineData("\u000B", "U+000B")]
    public void Parse_WhenTextHasOtherCharacters_ShouldRejectAndNameTheFirst(string sid, string shown)
    {
        var json = ParseAssert.Policy(ParseAssert.WithAdmin($"\"Sid\": \"{sid}\""));

        var error = ParseAssert.Fails(json, "Policy", $"contains {shown} at line 1, column ");

        Assert.Contains("U+0020..U+00FF", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0xD800, "an unpaired surrogate U+D800")]
    [InlineData(0xDBFF, "an unpaired surrogate U+DBFF")]
    [InlineData(0xDC00, "an unpaired surrogate U+DC00")]
    public void Parse_WhenTextHasAnUnpairedSurrogate_ShouldRejectItBeforeJsonSeesIt(int surrogate, string shown)
    {
        // Built here: attribute arguments cannot carry invalid UTF-16 (the compiler stores them as U+FFFD).
        var json = ParseAssert.Policy(ParseAssert.WithAdmin($"\"Sid\": \"a{(char)surrogate}b\""));

        ParseAssert.Fails(json, "Policy", $"contains {shown} at line 1, column ");
    }

    [Fact]
    public void Check_WhenSeveralCharactersAreOutsideLatin1_ShouldGiveLineColumnAndCount()
    {
        var problems = KmsPolicyLimits.Check("{\n  \"Id\": \"ā ē ī\"\n}");

        var problem = Assert.Single(problems);
        Assert.StartsWith("contains U+0101 at line 2, column 10 and 2 more;", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenTooBigAndOutsideLatin1_ShouldReportBoth()
    {
        Assert.Equal(2, KmsPolicyLimits.Check(new string('ā', 20_000)).Count);
    }

    [Fact]
    public void Check_WhenEscapedAsJson_ShouldAcceptCharactersOutsideLatin1()
    {
        // KMS checks the document's characters; an escape sequence is plain ASCII.
        Assert.Empty(KmsPolicyLimits.Check("""{ "Id": "\u9375" }"""));
    }

    [Fact]
    public void Parse_WhenAnEscapeIsAnUnpairedSurrogate_ShouldReportWhere()
    {
        ParseAssert.Fails(ParseAssert.Policy(ParseAssert.WithAdmin("\"Sid\": \"\\uD800\"")), "Statement[0].Sid", "unpaired surrogate");
        ParseAssert.Fails("""{ "Statement": [], "\uDC00": 1 }""", "Policy", "unpaired surrogate");
    }
}
