using System.CommandLine;
using System.Text;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Cli.Commands;

internal static class PolicyInput
{
    /// <summary>Reads and parses --policy; on failure writes one line to the error output.</summary>
    public static bool TryRead(ParseResult parse, PolicyOptions options, out KeyPolicy policy)
    {
        var path = parse.GetValue(options.Policy)!;
        try
        {
            policy = KeyPolicyParser.Parse(Encoding.UTF8.GetString(InputFile.ReadAllBytes(path)));
            return true;
        }
        catch (Exception e) when (e is PolicyParseException or IOException or UnauthorizedAccessException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {path}: {e.Message.ReplaceLineEndings(" ")}");
            policy = null!;
            return false;
        }
    }
}
