using System.Globalization;
using System.Text.RegularExpressions;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Infra.Tests.Architecture;

/// <summary>The README's links lead somewhere (every file it links is in the repository, every #anchor is a heading), its
/// counts agree, and it speaks to the people who run the guard, not of our issues.</summary>
public sealed partial class ReadmeLinkTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    [Fact]
    public void EveryRelativeLink_ShouldNameAFileOrFolderOfTheRepository()
    {
        var relative = Links().Where(target => !target.StartsWith("http", StringComparison.Ordinal) && !target.StartsWith('#')).ToList();
        var missing = relative
            .Where(target => !target.StartsWith("http", StringComparison.Ordinal) && !target.StartsWith('#'))
            .Select(target => target.Split('#')[0])
            .Where(path => !File.Exists(Path.Combine(RepoPaths.Root, path)) && !Directory.Exists(Path.Combine(RepoPaths.Root, path)))
            .ToList();

        Assert.NotEmpty(relative);
        Assert.True(missing.Count == 0, "README links to what is not in the repository: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryAnchor_ShouldBeAHeadingOfTheReadme()
    {
        var headings = Heading().Matches(Readme).Select(m => Slug(m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

        var broken = Links().Where(target => target.StartsWith('#')).Select(target => target[1..]).Where(anchor => !headings.Contains(anchor)).ToList();

        Assert.NotEmpty(headings);
        Assert.True(broken.Count == 0, "README anchors without a heading: " + string.Join(", ", broken));
    }

    // The demo table and the line after it agree on how many scenarios the demo runs.
    [Fact]
    public void DemoTable_ShouldCountAsManyScenariosAsTheDemoSaysItRuns()
    {
        var table = Readme[Readme.IndexOf("| scenario | end state | alert |", StringComparison.Ordinal)..];
        var rows = table.Split('\n').Skip(2).TakeWhile(line => line.StartsWith('|')).Count();
        var said = DemoOutcome().Match(table);

        Assert.True(said.Success, "the README no longer says how the demo ends");
        var (behaved, ran) = (int.Parse(said.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(said.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal((rows, rows), (behaved, ran));
    }

    // Our issue tracker is not the reader's: the README speaks of what the guard does, not of how we got there.
    [Fact]
    public void Readme_ShouldNotSpeakOfOurIssues()
    {
        Assert.DoesNotMatch(IssueNumber(), Readme);
    }

    // GitHub's anchor for a heading: lower case, punctuation but hyphens and underscores dropped, spaces to hyphens.
    internal static string Slug(string heading) =>
        new string([.. heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')]).Replace(' ', '-');

    private static IEnumerable<string> Links() => Link().Matches(Readme).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6} (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"\b[Ii]ssues? #?\d+")]
    private static partial Regex IssueNumber();

    [GeneratedRegex(@"ends with `(\d+)/(\d+) scenarios behaved`")]
    private static partial Regex DemoOutcome();
}
