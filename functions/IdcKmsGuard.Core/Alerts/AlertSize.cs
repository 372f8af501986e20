using System.Text;
using System.Text.Encodings.Web;

namespace IdcKmsGuard.Core.Alerts;

/// <summary>
/// The size SNS counts for a MessageStructure json publish: every protocol's text, escaped inside one JSON object
/// (the JSON document goes out once per machine protocol), plus the message attributes.
/// </summary>
public static class AlertSize
{
    public const int SnsMaxBytes = 262_144;

    // Protocols that receive the JSON document (or, for https, possibly the Chatbot one): sqs, lambda, http, https, email-json.
    public const int DocumentCopies = 5;

    // Keys, quotes, braces and the subject: generous, so that a message judged to fit does fit.
    private const int Overhead = 2_048;

    public static int BytesOf(RenderedAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var documents = (DocumentCopies - (alert.Chatbot is null ? 0 : 1)) * Escaped(alert.Json) + (alert.Chatbot is null ? 0 : Escaped(alert.Chatbot));
        var attributes = alert.Attributes.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + Encoding.UTF8.GetByteCount(a.Value) + "String".Length);
        return documents + Escaped(alert.EmailText) + Escaped(alert.ShortText) + attributes + Overhead;
    }

    public static bool Fits(RenderedAlert alert) => BytesOf(alert) <= SnsMaxBytes;

    private static int Escaped(string text) => Encoding.UTF8.GetByteCount(JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(text));
}
