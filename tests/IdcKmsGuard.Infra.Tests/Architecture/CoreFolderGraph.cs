using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace IdcKmsGuard.Infra.Tests.Architecture;

/// <summary>
/// Which top-level folder of IdcKmsGuard.Core uses which (Policy, subfolders included, is one folder), read from the
/// source with its comments and literals left out. A file in folder A uses folder B when it names IdcKmsGuard.Core.B
/// (any using directive, or a fully qualified name), or writes B.Name (or Core.B.Name) where B binds to the namespace
/// IdcKmsGuard.Core.B as C# would bind it from the file's namespace, and Name is a type or namespace in it.
/// </summary>
internal sealed partial class CoreFolderGraph
{
    private const string Core = "IdcKmsGuard.Core";

    private readonly SortedSet<string> folders;
    private readonly HashSet<string> names;
    private readonly Dictionary<string, HashSet<string>> typesByFolder;
    private readonly SortedDictionary<(string From, string To), SortedDictionary<string, SortedSet<string>>> edges = [];

    private CoreFolderGraph(IEnumerable<string> folders, Assembly core)
    {
        this.folders = new(folders, StringComparer.Ordinal);
        var types = core.GetTypes().Where(type => type.DeclaringType is null && type.Namespace is not null).ToList();
        names = [.. types.Select(type => $"{type.Namespace}.{type.Name.Split('`')[0]}"), .. types.SelectMany(type => Prefixes(type.Namespace!))];
        typesByFolder = this.folders.ToDictionary(
            folder => folder,
            folder => types.Where(type => FolderOf(type.Namespace!) == folder).Select(type => type.Name.Split('`')[0]).ToHashSet());
    }

    /// <summary>Every edge From → To, with the files that make it and what in each file does.</summary>
    public IReadOnlyDictionary<(string From, string To), SortedDictionary<string, SortedSet<string>>> Edges => edges;

    /// <param name="files">The project's source files; a file outside every top-level folder is in none of them.</param>
    public static CoreFolderGraph Read(string coreDirectory, IEnumerable<string> files, Assembly core)
    {
        var folders = Directory.GetDirectories(coreDirectory).Select(Path.GetFileName).OfType<string>().Where(name => name is not ("bin" or "obj"));
        var graph = new CoreFolderGraph(folders, core);
        foreach (var relativePath in files.Select(file => Path.GetRelativePath(coreDirectory, file).Replace('\\', '/')))
        {
            if (relativePath.Split('/') is [var folder, _, ..])
            {
                graph.ReadFile(folder, Path.Combine(coreDirectory, relativePath), relativePath);
            }
        }

        return graph;
    }

    /// <summary>The strongly connected components of more than one folder (Tarjan), each sorted by name.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var (index, low) = (new Dictionary<string, int>(), new Dictionary<string, int>());
        var (stack, components) = (new Stack<string>(), new List<IReadOnlyList<string>>());
        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            foreach (var next in edges.Keys.Where(edge => edge.From == folder).Select(edge => edge.To))
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[folder] = Math.Min(low[folder], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[folder] = Math.Min(low[folder], seen);
                }
            }

            if (low[folder] == index[folder])
            {
                var component = new List<string>();
                do
                {
                    component.Add(stack.Pop());
                }
                while (component[^1] != folder);
                components.Add([.. component.Order(StringComparer.Ordinal)]);
            }
        }

        foreach (var folder in folders.Where(folder => !index.ContainsKey(folder)))
        {
            Visit(folder);
        }

        return [.. components.Where(component => component.Count > 1).OrderBy(component => component[0], StringComparer.Ordinal)];
    }

    /// <summary>Each cycle, and for every edge inside it the files that make the edge: what to move to break it.</summary>
    public string Describe(IReadOnlyList<IReadOnlyList<string>> cycles)
    {
        var text = new StringBuilder($"Core's top-level folders use each other in {cycles.Count} cycle(s); each edge lists the files that make it.");
        foreach (var (cycle, number) in cycles.Select((cycle, index) => (cycle, index + 1)))
        {
            var inside = edges.Where(edge => cycle.Contains(edge.Key.From) && cycle.Contains(edge.Key.To)).ToList();
            text.Append($"\n\nCycle {number}: {string.Join(", ", cycle)} ({inside.Count} edges)");
            foreach (var ((from, to), files) in inside)
            {
                text.Append($"\n  {from} -> {to} ({files.Count} files)");
                text.AppendJoin(string.Empty, files.Select(file => $"\n    {file.Key}: {string.Join(", ", file.Value)}"));
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> Prefixes(string name)
    {
        for (var dot = name.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = name.IndexOf('.', dot + 1))
        {
            yield return name[..dot];
        }

        yield return name;
    }

    private static string? FolderOf(string name) =>
        name.StartsWith(Core + ".", StringComparison.Ordinal) ? name[(Core.Length + 1)..].Split('.')[0] : null;

    private void ReadFile(string folder, string path, string relativePath)
    {
        var code = CSharpCode.WithoutCommentsAndLiterals(File.ReadAllText(path));
        var fileNamespace = NamespaceDeclaration().Match(code).Groups["name"].Value;
        code = NamespaceDeclaration().Replace(code, " ");
        var identifiers = Identifier().Matches(code).Select(match => match.Value).ToHashSet();
        foreach (Match match in QualifiedCoreName().Matches(code))
        {
            var target = match.Groups["folder"].Value;
            var used = identifiers.Where(typesByFolder.GetValueOrDefault(target, []).Contains).ToList();
            Add(folder, target, relativePath, used.Count > 0 ? used : [$"{Core}.{target} (none of its types named: extension methods?)"]);
        }

        foreach (Match match in FolderQualifiedName().Matches(code))
        {
            var target = match.Groups["folder"].Value;
            var binds = match.Groups["core"].Success ? fileNamespace.StartsWith("IdcKmsGuard.", StringComparison.Ordinal) : Binds(fileNamespace, target);
            if (binds && names.Contains($"{Core}.{target}.{match.Groups["name"].Value}"))
            {
                Add(folder, target, relativePath, [match.Value]);
            }
        }
    }

    // From inside IdcKmsGuard.Core.X.Y, a simple name B is looked up in X.Y, then X, then Core: a nearer B hides Core.B.
    private bool Binds(string fileNamespace, string target)
    {
        if (fileNamespace != Core && FolderOf(fileNamespace) is null)
        {
            return false;
        }

        for (var scope = fileNamespace; scope != Core; scope = scope[..scope.LastIndexOf('.')])
        {
            if (names.Contains($"{scope}.{target}"))
            {
                return false;
            }
        }

        return true;
    }

    private void Add(string from, string to, string file, IEnumerable<string> evidence)
    {
        if (from == to || !folders.Contains(to))
        {
            return;
        }

        var files = edges.TryGetValue((from, to), out var existing) ? existing : edges[(from, to)] = new(StringComparer.Ordinal);
        (files.TryGetValue(file, out var found) ? found : files[file] = new(StringComparer.Ordinal)).UnionWith(evidence);
    }

    [GeneratedRegex(@"(?<![\w.])namespace\s+(?<name>[\w.]+)")]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"(?<![\w.])(?:global::)?IdcKmsGuard\.Core\.(?<folder>\w+)")]
    private static partial Regex QualifiedCoreName();

    [GeneratedRegex(@"(?<![\w.]|::)(?<core>Core\.)?(?<folder>[A-Z]\w*)\.(?<name>[A-Z]\w*)")]
    private static partial Regex FolderQualifiedName();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();
}
