using System.Text.Json.Nodes;

namespace IdcKmsGuard.Core.Alerts;

/// <summary>
/// The version 1 document, for subscribers not yet moved to version 2 (the stack's AlertSchemaVersion=1, kept for one
/// release): version 2 without what version 1's closed schema refuses.
/// </summary>
internal static class AlertDocumentV1
{
    private static readonly string[] AddedInVersion2 = ["kind", "actionRequired", "incident", "guard", "account"];

    // As the version 2 document is written: read by programs, never embedded in HTML.
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string From(string version2)
    {
        var document = JsonNode.Parse(version2)!.AsObject();
        foreach (var name in AddedInVersion2)
        {
            document.Remove(name);
        }

        document["schema"] = AlertDocument.SchemaOf(1);
        document["links"]!.AsObject().Remove("runbook");
        return document.ToJsonString(Relaxed);
    }
}
