namespace IdcKmsGuard.Testing;

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Events => Path.Combine(Root, "events");

    public static string LocalInfra => Path.Combine(Root, "infra", "local");

    /// <summary>The key policies and CloudTrail records AWS documents, copied into the repository (tests/reference/README.md).</summary>
    public static string Reference => Path.Combine(Root, "tests", "reference");

    public static string EventFile(string name) => Path.Combine(Events, name);


    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IdcKmsGuard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find IdcKmsGuard.sln above the test binaries.");
    }
}
