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
            var text = Encoding.UTF8.GetString(InputFile.ReadAllBytes(path));
            if (OptionValues.TemplatePlaceholder().Match(text) is { Success: true } placeholder)
            {
                error.WriteLine(
                    $"error: {path}: the policy still has the placeholder {placeholder.Value}: fill it in "
                    + "(idckmsguard baseline-policy --account ... writes one ready to use).");
                policy = null!;
                return false;
            }

            policy = KeyPolicyParser.Parse(text);
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
