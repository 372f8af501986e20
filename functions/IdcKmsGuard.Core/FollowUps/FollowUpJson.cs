using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdcKmsGuard.Core.FollowUps;

/// <summary>The follow-up as a queue message body, versioned by its kind; anything else is refused (version 1 carried
/// the whole event, which the guard no longer takes from a queue).</summary>
public static class FollowUpJson
{
    private const string KindPrefix = "idckmsguard.follow-up/";

    public static string Write(FollowUp followUp)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        return JsonSerializer.Serialize(
            new FollowUpMessage(FollowUp.Kind, followUp.Attempt, followUp.Since, followUp.EventId),
            FollowUpJsonContext.Default.FollowUpMessage);
    }

    /// <summary>Whether a queue message is a follow-up at all (a JSON object with a follow-up kind), of any version.</summary>
    public static bool IsFollowUp(string body)
    {
        // Refusals arrive by the hundred per batch: spare each a parse that the event reader repeats.
        if (!body.Contains(KindPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("kind", out var kind)
                && kind.ValueKind == JsonValueKind.String
                && kind.GetString()!.StartsWith(KindPrefix, StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <exception cref="FormatException">The body is not a follow-up this version understands.</exception>
    public static FollowUp Read(string body)
    {
        FollowUpMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(body, FollowUpJsonContext.Default.FollowUpMessage);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The message is not a follow-up: {e.Message}", e);
        }

        return message switch
        {
            null => throw new FormatException("The message is not a follow-up: it is null."),
            { Kind: not FollowUp.Kind } => throw new FormatException($"The message is not a follow-up: kind '{message.Kind}', expected '{FollowUp.Kind}'."),
            { Attempt: < 1 } => throw new FormatException($"The follow-up's attempt must be 1 or more, not {message.Attempt}."),
            { EventId: null or "" } => throw new FormatException("The follow-up names no event."),
            _ => new FollowUp(message.EventId, message.Attempt, message.UpdatingSince),
        };
    }
}

internal sealed record FollowUpMessage(string? Kind, int Attempt, DateTimeOffset UpdatingSince, string? EventId);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FollowUpMessage))]
internal sealed partial class FollowUpJsonContext : JsonSerializerContext;
