using System.Text.RegularExpressions;

namespace IdcKmsGuard.Infra.Tests.Architecture;

/// <summary>
/// Finds the places where code, tests, scripts or documents reach for a path outside the repository: a relative path
/// that climbs above the root, a C# <c>Path.Combine</c> with "..", a Python path built up from <c>__file__</c> past the
/// root, or a name of our own machines' folders (../shared, /work). A clone anywhere has none of those.
/// </summary>
internal static partial class RepositoryBoundary
{
    private static readonly string[] ScannedExtensions =
        [".cs", ".py", ".sh", ".csproj", ".props", ".targets", ".sln", ".yaml", ".yml", ".toml", ".md", ".json"];

    private static readonly string[] ScannedNames = ["Makefile", "run"];

    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", "artifacts", "node_modules", "__pycache__"];

    // The scanner and its tests, which spell out the offences they look for.
    private static readonly string[] SkippedFiles = [nameof(RepositoryBoundary) + ".cs", "SelfContainedRepositoryTests.cs"];

    /// <summary>Every file under <paramref name="root"/> that can name a path: source, scripts, build files, documents.</summary>
    public static IEnumerable<string> ScannedFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Any(SkippedFolders.Contains))
            .Where(path => !SkippedFiles.Contains(Path.GetFileName(path)))
            .Where(path => ScannedExtensions.Contains(Path.GetExtension(path)) || ScannedNames.Contains(Path.GetFileName(path)))
            .Order(StringComparer.Ordinal);

    /// <summary>What in <paramref name="text"/>, the content of the file at <paramref name="path"/>, leaves <paramref name="root"/>.</summary>
    public static IEnumerable<string> Offences(string root, string path, string text)
    {
        var folder = Path.GetDirectoryName(path)!;
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            foreach (var offence in LineOffences(root, folder, Path.GetExtension(path), lines[index]))
            {
                yield return $"{Path.GetRelativePath(root, path)}:{index + 1}: {offence}";
            }
        }
    }

    private static IEnumerable<string> LineOffences(string root, string folder, string extension, string line)
    {
        foreach (Match climb in RelativeClimb().Matches(line))
        {
            var target = Path.GetFullPath(Path.Combine(folder, climb.Value));
            if (!IsInside(root, target))
            {
                yield return $"'{climb.Value}' leaves the repository (it resolves to {target})";
            }
        }

        if (extension == ".cs" && CombineWithParent().IsMatch(line))
        {
            yield return "Path.Combine(..., \"..\") climbs out of the folder it starts from";
        }

        if (extension == ".py" && PythonJoinWithParent().IsMatch(line))
        {
            yield return "a path joined with \"..\" climbs out of the folder it starts from";
        }

        if (extension == ".py" && line.Contains("__file__", StringComparison.Ordinal))
        {
            var climbs = PythonClimb().Count(line) - 1;
            var depth = Path.GetRelativePath(root, folder) is "." ? 0 : Path.GetRelativePath(root, folder).Split(Path.DirectorySeparatorChar).Length;
            if (climbs > depth)
            {
                yield return $"climbs {climbs} folders from a file {depth} below the root";
            }
        }

        if (OurMachinesFolder().Match(line) is { Success: true } named)
        {
            yield return $"'{named.Value}' names a folder only our own machines have";
        }
    }

    private static bool IsInside(string root, string target)
    {
        var relative = Path.GetRelativePath(root, target);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    // A path of one or more "../" segments and what follows, not part of a URL path or of a longer word.
    [GeneratedRegex(@"(?<![\w/.:])(?:\.\./)+[\w.\-/]*")]
    private static partial Regex RelativeClimb();

    [GeneratedRegex(@"Path\.Combine\([^;]*""\.\.""")]
    private static partial Regex CombineWithParent();

    [GeneratedRegex(@"(?:join\([^)]*|/\s*)[""']\.\.[""']")]
    private static partial Regex PythonJoinWithParent();

    // Each dirname(...) or .parent applied to __file__: the first gives the file's own folder.
    [GeneratedRegex(@"dirname\(|\.parent\b")]
    private static partial Regex PythonClimb();

    [GeneratedRegex(@"(?:\.\./|/work/)shared\b|\bSharedReference\b|/work/(?:main|shared|\.library)\b")]
    private static partial Regex OurMachinesFolder();
}
