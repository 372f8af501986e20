namespace IdcKmsGuard.Lambda.Runtime;

// A seam over process environment variables so that tests never read or write the real ones.
public interface IEnvironmentVariables
{
    string? GetVariable(string name);

    void SetVariable(string name, string? value);
}
