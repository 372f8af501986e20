using System.Reflection;
using IdcKmsGuard.Core.State;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Infra.Tests.Architecture;

/// <summary>
/// The house rules for the code in functions/, kept by tests rather than by a document: short lines, short files, no
/// cycle between the folders of Core, small state ports. A failure lists every offender, so it says what to change.
/// </summary>
public sealed class HouseRulesTests
{
    private const int MaxLineLength = 160;
    private const int MaxFileLines = 250;
    private const int MaxPortMembers = 6;

    private static readonly string Functions = Path.Combine(RepoPaths.Root, "functions");
    private static readonly string CoreDirectory = Path.Combine(Functions, "IdcKmsGuard.Core");
    // The ports to AWS (IKeyStore: KMS's reads and writes of one key) follow the service's API, not this rule.
    private static readonly string[] PortNamespaces = ["IdcKmsGuard.Core.State"];

    [Fact]
    public void No_source_line_in_functions_is_longer_than_160_characters()
    {
        var offenders = SourceFiles(Functions)
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (Path: path, Number: index + 1, line.Length)))
            .Where(line => line.Length > MaxLineLength)
            .Select(line => $"{Relative(line.Path)}:{line.Number} ({line.Length})")
            .ToList();

        Assert.True(offenders.Count == 0, $"{offenders.Count} lines in functions/ are longer than {MaxLineLength} characters:\n{string.Join('\n', offenders)}");
    }

    [Fact]
    public void No_source_file_in_functions_is_longer_than_250_lines()
    {
        var offenders = SourceFiles(Functions)
            .Select(path => (Path: path, Lines: File.ReadLines(path).Count()))
            .Where(file => file.Lines > MaxFileLines)
            .Select(file => $"{Relative(file.Path)} ({file.Lines} lines)")
            .ToList();

        Assert.True(offenders.Count == 0, $"{offenders.Count} files in functions/ are longer than {MaxFileLines} lines:\n{string.Join('\n', offenders)}");
    }

    [Fact]
    public void Core_top_level_folders_import_each_other_in_no_cycle()
    {
        var graph = CoreFolderGraph.Read(CoreDirectory, SourceFiles(CoreDirectory), typeof(GuardStores).Assembly);

        var cycles = graph.Cycles();

        Assert.NotEmpty(graph.Edges);
        Assert.True(cycles.Count == 0, graph.Describe(cycles));
    }

    [Fact]
    public void No_state_port_has_more_than_six_members()
    {
        var ports = typeof(GuardStores).Assembly.GetExportedTypes()
            .Where(type => type.IsInterface && PortNamespaces.Any(name => $"{type.Namespace}.".StartsWith($"{name}.", StringComparison.Ordinal)))
            .Select(port => (Port: port, Declared: DeclaredMembers(port), Inherited: port.GetInterfaces().Sum(DeclaredMembers)))
            .OrderBy(port => port.Port.FullName, StringComparer.Ordinal)
            .ToList();

        var offenders = ports.Where(port => port.Declared + port.Inherited > MaxPortMembers)
            .Select(port => $"{port.Port.FullName}: {port.Declared + port.Inherited} members ({port.Declared} declared, {port.Inherited} inherited)")
            .ToList();

        Assert.NotEmpty(ports);
        Assert.True(offenders.Count == 0, $"{offenders.Count} state ports have more than {MaxPortMembers} members:\n{string.Join('\n', offenders)}");
    }

    // Methods, properties and events an interface declares itself (a property's accessors are not counted again).
    private static int DeclaredMembers(Type port) => port
        .GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
        .Count(member => member is PropertyInfo or EventInfo or MethodInfo { IsSpecialName: false });

    private static List<string> SourceFiles(string root) =>
        [.. Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)];

    private static string Relative(string path) => Path.GetRelativePath(RepoPaths.Root, path).Replace('\\', '/');
}
