namespace IdcKmsGuard.Lambda.Runtime;

public sealed class ProcessEnvironmentVariables : IEnvironmentVariables
{
    private ProcessEnvironmentVariables()
    {
    }

    public static ProcessEnvironmentVariables Instance { get; } = new();

    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);

    public void SetVariable(string name, string? value) => Environment.SetEnvironmentVariable(name, value);
}
