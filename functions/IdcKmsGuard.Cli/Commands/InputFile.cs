namespace IdcKmsGuard.Cli.Commands;

internal static class InputFile
{
    /// <summary>Reads a file, or standard input for "-".</summary>
    public static byte[] ReadAllBytes(string path)
    {
        if (path != "-")
        {
            return File.ReadAllBytes(path);
        }

        using var stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        return buffer.ToArray();
    }
}
