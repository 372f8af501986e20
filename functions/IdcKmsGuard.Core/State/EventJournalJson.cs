using System.Text.Json;
using System.Text.Json.Serialization;
using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Core.State;

/// <summary>The journal as the state table stores it.</summary>
public static class EventJournalJson
{
    public static string Write(EventJournal journal) => JsonSerializer.Serialize(journal, EventJournalJsonContext.Default.EventJournal);

    /// <exception cref="JsonException">Not a journal this version wrote.</exception>
    public static EventJournal Read(string json) =>
        JsonSerializer.Deserialize(json, EventJournalJsonContext.Default.EventJournal) ?? throw new JsonException("The journal is 'null'.");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventJournal))]
[JsonSerializable(typeof(Finding))]
internal sealed partial class EventJournalJsonContext : JsonSerializerContext;
