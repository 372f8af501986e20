using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Policy.Parsing;

/// <summary>The policies AWS documents for Identity Center (tests/reference/key-policies), by file name.</summary>
internal static class ReferencePolicies
{
    public static string Folder => Path.Combine(RepoPaths.Reference, "key-policies");

    public static IEnumerable<string> KeyPolicyFiles => Files("key-policy-*.json");

    public static IEnumerable<string> IamPolicyFiles => Files("iam-policy-*.json");

    public static string Read(string file) => File.ReadAllText(Path.Combine(Folder, file));

    private static IEnumerable<string> Files(string pattern) =>
        Directory.GetFiles(Folder, pattern).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
}
