using System.Text;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Cli.Commands;

internal static class PolicyInput
{
    /// <summary>Reads and parses the policy file; on failure writes one line to the error output.</summary>
    public static bool TryRead(string path, TextWriter error, out KeyPolicy policy)
    {
        try
        {
            policy = KeyPolicyParser.Parse(Encoding.UTF8.GetString(InputFile.ReadAllBytes(path)));
            return true;
        }
        catch (Exception e) when (e is PolicyParseException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {path}: {e.Message.ReplaceLineEndings(" ")}");
            policy = null!;
            return false;
        }
    }
}
