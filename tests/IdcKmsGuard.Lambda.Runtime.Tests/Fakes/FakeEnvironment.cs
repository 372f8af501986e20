using System.Collections.Concurrent;

namespace IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

internal sealed class FakeEnvironment : IEnvironmentVariables
{
    private readonly ConcurrentDictionary<string, string?> variables = new(StringComparer.Ordinal);

    public FakeEnvironment(params (string Name, string Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            this.variables[name] = value;
        }
    }

    public string? GetVariable(string name) => variables.TryGetValue(name, out var value) ? value : null;

    public void SetVariable(string name, string? value) => variables[name] = value;
}
