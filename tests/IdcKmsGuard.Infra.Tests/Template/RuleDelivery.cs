using System.Text.Json;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>An event as one of the guard's rules delivered it to its target.</summary>
public sealed record RuleDelivery(string Rule, JsonElement Event);
