using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Infra.Tests.Architecture;

/// <summary>
/// A clone in an empty folder must pass its own tests: nothing the code, the tests, the scripts or the documents read
/// may lie outside the repository. CI also runs the test command from such a clone (.ci/run).
/// </summary>
public sealed class SelfContainedRepositoryTests
{
    [Fact]
    public void No_file_in_the_repository_reads_a_path_outside_it()
    {
        var files = RepositoryBoundary.ScannedFiles(RepoPaths.Root).ToList();

        var offences = files.SelectMany(path => RepositoryBoundary.Offences(RepoPaths.Root, path, File.ReadAllText(path))).ToList();

        Assert.Contains(files, path => path.EndsWith(Path.Combine("IdcKmsGuard.Testing", "RepoPaths.cs"), StringComparison.Ordinal));
        Assert.Contains(files, path => path.EndsWith(Path.Combine(".ci", "run"), StringComparison.Ordinal));
        Assert.Contains(files, path => path.EndsWith(Path.Combine("infra", "local", "demo.py"), StringComparison.Ordinal));
        Assert.True(offences.Count == 0, $"{offences.Count} places read outside the repository:\n{string.Join('\n', offences)}");
    }

    [Fact]
    public void The_reference_data_the_tests_judge_against_is_in_the_repository()
    {
        var policies = Directory.GetFiles(Path.Combine(RepoPaths.Reference, "key-policies"), "*.json");
        var records = Directory.GetFiles(Path.Combine(RepoPaths.Reference, "cloudtrail"), "*.json");

        Assert.StartsWith(RepoPaths.Root + Path.DirectorySeparatorChar, RepoPaths.Reference, StringComparison.Ordinal);
        Assert.Equal(7, policies.Length);
        Assert.True(records.Length >= 30, $"{records.Length} CloudTrail records in tests/reference/cloudtrail");
        Assert.True(File.Exists(Path.Combine(RepoPaths.Reference, "README.md")), "tests/reference/README.md says where each file comes from");
    }

    [Theory]
    [InlineData("tests/Some.Tests/Paths.cs", "var p = Path.Combine(Root, \"..\", \"shared\", \"reference\");")]
    [InlineData("tests/Some.Tests/Paths.cs", "public static string SharedReference => Root;")]
    [InlineData("tests/Some.Tests/Paths.cs", "File.ReadAllText(\"../../../elsewhere/policy.json\");")]
    [InlineData("infra/local/tool.py", "ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))")]
    [InlineData("infra/local/tool.py", "BASE = Path(__file__).resolve().parent.parent.parent.parent")]
    [InlineData("infra/local/tool.py", "DATA = os.path.join(ROOT, '..', 'data')")]
    [InlineData(".ci/run", "cp -r ../../shared/reference tests/")]
    [InlineData("README.md", "See [the facts](../shared/reference/identity-center-cmk.md).")]
    [InlineData("tests/Some.Tests/Paths.cs", "var data = \"/work/shared/reference\";")]
    public void A_path_outside_the_repository_is_found(string file, string line)
    {
        var root = Path.Combine(Path.GetTempPath(), "idckmsguard-boundary");

        var offences = RepositoryBoundary.Offences(root, Path.Combine(root, file), line).ToList();

        Assert.NotEmpty(offences);
    }

    [Theory]
    [InlineData("functions/Directory.Build.props", "<Import Project=\"$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))\" />")]
    [InlineData("infra/local/tool.py", "ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))")]
    [InlineData("infra/config/README.md", "[Security model](../../README.md#security-model)")]
    [InlineData(".ci/run", "cd \"$(dirname \"$0\")/..\"")]
    [InlineData("functions/Signing/Canonical.cs", "if (segment == \"..\")")]
    [InlineData("tests/Vectors.cs", "GET /example1/example2/../.. HTTP/1.1")]
    public void A_path_inside_the_repository_is_not_an_offence(string file, string line)
    {
        var root = Path.Combine(Path.GetTempPath(), "idckmsguard-boundary");

        var offences = RepositoryBoundary.Offences(root, Path.Combine(root, file), line).ToList();

        Assert.Empty(offences);
    }
}
