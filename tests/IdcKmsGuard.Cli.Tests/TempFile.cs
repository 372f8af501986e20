namespace IdcKmsGuard.Cli.Tests;

/// <summary>A policy written to a temporary file for one test, deleted afterwards.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string content)
    {
        File.WriteAllText(Path, content);
    }

    public string Path { get; } = System.IO.Path.GetTempFileName();

    public void Dispose() => File.Delete(Path);
}
