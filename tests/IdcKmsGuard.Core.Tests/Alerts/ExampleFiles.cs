using System.Text.Json;
using System.Text.Json.Nodes;

namespace IdcKmsGuard.Core.Tests.Alerts;

/// <summary>
/// The checked-in examples of what the renderer writes: a test compares, or with IDCKMSGUARD_UPDATE_EXAMPLES=1 rewrites
/// the file for review.
/// </summary>
internal static class ExampleFiles
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("IDCKMSGUARD_UPDATE_EXAMPLES") == "1";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Check(string folder, string name, string rendered)
    {
        var path = Path.Combine(folder, name);
        var text = rendered.ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (Update)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, text);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with IDCKMSGUARD_UPDATE_EXAMPLES=1.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), text);
    }

    public static void CheckJson(string folder, string name, string rendered) => Check(folder, name, JsonNode.Parse(rendered)!.ToJsonString(Indented));

    /// <summary>Message attributes as an indented object, in name order.</summary>
    public static string Attributes(IReadOnlyDictionary<string, string> attributes) =>
        JsonSerializer.Serialize(attributes.OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary(a => a.Key, a => a.Value));
}
