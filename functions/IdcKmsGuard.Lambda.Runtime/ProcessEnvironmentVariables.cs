namespace IdcKmsGuard.Lambda.Runtime;

public sealed class ProcessEnvironmentVariables : IEnvironmentVariables
{
    private ProcessEnvironmentVariables()
    {
    }

    public static ProcessEnvironmentVariables Instance { get; } = new();

#pragma warning disable RS0030 // A composition root: the one place this process's environment is read.
    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);
#pragma warning restore RS0030

    public void SetVariable(string name, string? value) => Environment.SetEnvironmentVariable(name, value);
}
