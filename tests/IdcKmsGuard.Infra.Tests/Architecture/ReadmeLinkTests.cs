using System.Globalization;
using System.Text.RegularExpressions;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Infra.Tests.Architecture;

/// <summary>The README and the pages under infra/docs lead somewhere (every file they link is in the repository, every
/// #anchor is a heading of the page it names), the README stays short enough to read (a quickstart on the first screen,
/// the rest on the pages), its counts agree, and none of it speaks of our issues.</summary>
public sealed partial class ReadmeLinkTests
{
    private const int ReadmeLines = 300;
    private const int QuickstartLines = 80;

    // What the quickstart must say: the trail's settings, deploy, subscribe, tag the key, audit.
    private static readonly string[] QuickstartSteps =
        ["ExcludeManagementEventSources", "**read**", "sam deploy", "Subscribe", "idckmsguard:guarded=true", "idckmsguard audit"];

    private static readonly string Readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");

    private static string Docs => Path.Combine(RepoPaths.Root, "infra", "docs");

    /// <summary>README.md and every page under infra/docs, as paths relative to the repository's root.</summary>
    public static TheoryData<string> Documents()
    {
        var pages = Directory.Exists(Docs)
            ? Directory.EnumerateFiles(Docs, "*.md", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(RepoPaths.Root, path))
            : [];
        return ["README.md", .. pages.Order(StringComparer.Ordinal).Select(path => path.Replace('\\', '/'))];
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryRelativeLink_ShouldNameAFileOrFolderOfTheRepository(string document)
    {
        var missing = RelativeLinks(document)
            .Select(target => (target, path: Resolve(document, target.Split('#')[0])))
            .Where(link => !File.Exists(link.path) && !Directory.Exists(link.path))
            .Select(link => link.target)
            .ToList();

        Assert.True(missing.Count == 0, $"{document} links to what is not in the repository: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryAnchor_ShouldBeAHeadingOfThePageItNames(string document)
    {
        var broken = Links(Read(document))
            .Where(target => !IsExternal(target) && target.Contains('#', StringComparison.Ordinal))
            .Where(target =>
            {
                var (file, anchor) = (target.Split('#')[0], target[(target.IndexOf('#', StringComparison.Ordinal) + 1)..]);
                var page = file.Length == 0 ? Path.Combine(RepoPaths.Root, document) : Resolve(document, file);
                return !File.Exists(page) || !Anchors(File.ReadAllText(page)).Contains(anchor);
            })
            .ToList();

        Assert.True(broken.Count == 0, $"{document}: anchors without a heading: " + string.Join(", ", broken));
    }

    // A reader finds every page from the README: one line of its documentation list each.
    [Fact]
    public void EveryPageUnderInfraDocs_ShouldBeLinkedFromTheReadme()
    {
        var linked = RelativeLinks("README.md").Select(target => Path.GetFullPath(Resolve("README.md", target.Split('#')[0]))).ToHashSet();
        var pages = Directory.EnumerateFiles(Docs, "*.md", SearchOption.TopDirectoryOnly).Select(Path.GetFullPath).ToList();

        Assert.NotEmpty(pages);
        Assert.Empty(pages.Where(page => !linked.Contains(page)).Select(page => Path.GetRelativePath(RepoPaths.Root, page)));
        Assert.Contains(Path.GetFullPath(Path.Combine(Docs, "runbooks", "README.md")), linked);
    }

    [Fact]
    public void Readme_ShouldStayUnderThreeHundredLines()
    {
        var lines = Readme.TrimEnd('\n').Split('\n').Length;

        Assert.True(lines < ReadmeLines, $"README.md has {lines} lines; move detail to a page under infra/docs");
    }

    // The quickstart is the first screen: prerequisites, deploy, subscribe, tag the key, audit, the first alert.
    [Fact]
    public void Quickstart_ShouldComeFirstAndStayShort()
    {
        var sections = Section().Matches(Readme).Select(m => m.Groups[1].Value).ToList();
        var quickstart = Readme[Readme.IndexOf("\n## Quickstart\n", StringComparison.Ordinal)..];
        var lines = quickstart.Split('\n').Skip(1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal)).Count();

        Assert.Equal("Quickstart", sections[0]);
        Assert.True(lines < QuickstartLines, $"the quickstart has {lines} lines");
        foreach (var step in QuickstartSteps)
        {
            Assert.Contains(step, quickstart[..quickstart.IndexOf("\n## ", 1, StringComparison.Ordinal)], StringComparison.Ordinal);
        }
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

    // Our issue tracker is not the reader's: the documents speak of what the guard does, not of how we got there.
    [Theory]
    [MemberData(nameof(Documents))]
    public void Document_ShouldNotSpeakOfOurIssues(string document)
    {
        Assert.DoesNotMatch(IssueNumber(), Read(document));
    }

    [Theory]
    [InlineData("Structure: the event path, type by type", "structure-the-event-path-type-by-type")]
    [InlineData("Tamper table: every way to silence the guard, and who is told", "tamper-table-every-way-to-silence-the-guard-and-who-is-told")]
    [InlineData("From the release artifacts (any OS, nothing to build)", "from-the-release-artifacts-any-os-nothing-to-build")]
    [InlineData("Multi-Region", "multi-region")]
    public void Slug_ShouldBeGitHubsAnchor(string heading, string anchor)
    {
        Assert.Equal(anchor, Slug(heading));
    }

    [Fact]
    public void Anchors_ShouldSkipCodeBlocksAndNumberRepeatedHeadings()
    {
        var anchors = Anchors("# Page\n\n```sh\n# a comment\n```\n\n## Notes\n\n### Notes\n");

        Assert.Equal(new HashSet<string>(["page", "notes", "notes-1"]), anchors);
    }

    // GitHub's anchor for a heading: lower case, punctuation but hyphens and underscores dropped, spaces to hyphens.
    internal static string Slug(string heading) =>
        new string([.. heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')]).Replace(' ', '-');

    // The anchors of a page: its headings outside code blocks, a repeated one numbered -1, -2, ... as GitHub does.
    internal static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inCode = false;
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            var heading = Heading().Match(line);
            if (inCode || !heading.Success)
            {
                continue;
            }

            var slug = Slug(heading.Groups[1].Value.Trim());
            var unique = slug;
            for (var n = 1; !anchors.Add(unique); n++)
            {
                unique = $"{slug}-{n}";
            }
        }

        return anchors;
    }

    private static string Read(string document) => File.ReadAllText(Path.Combine(RepoPaths.Root, document)).ReplaceLineEndings("\n");

    private static string Resolve(string document, string target) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.Combine(RepoPaths.Root, document))!, Uri.UnescapeDataString(target)));

    private static bool IsExternal(string target) => target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal);

    private static IEnumerable<string> RelativeLinks(string document) =>
        Links(Read(document)).Where(target => !IsExternal(target) && !target.StartsWith('#'));

    // Links outside code blocks, where a bracket followed by a parenthesis is code, not a link.
    private static IEnumerable<string> Links(string markdown)
    {
        var inCode = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }
            else if (!inCode)
            {
                foreach (Match link in Link().Matches(line))
                {
                    yield return link.Groups[1].Value;
                }
            }
        }
    }

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6} (.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^## (.+)$", RegexOptions.Multiline)]
    private static partial Regex Section();

    [GeneratedRegex(@"\b[Ii]ssues? #?\d+")]
    private static partial Regex IssueNumber();

    [GeneratedRegex(@"ends with `(\d+)/(\d+) scenarios behaved`")]
    private static partial Regex DemoOutcome();
}
