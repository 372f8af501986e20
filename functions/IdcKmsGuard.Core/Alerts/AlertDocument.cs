using System.Text.Json.Serialization;

namespace IdcKmsGuard.Core.Alerts;

/// <summary>The JSON alert for machine subscribers. <see cref="Schema"/> changes when a field changes meaning.</summary>
public sealed record AlertDocument(
    string Schema,
    string Severity,
    string Rule,
    string Outcome,
    string Headline,
    string WhatHappened,
    AlertEvent Event,
    AlertDocumentKey? Key,
    string? InstanceArn,
    IReadOnlyList<AlertDocumentFinding> Findings,
    IReadOnlyList<AlertDocumentStep> Steps,
    Verification? Verification,
    IReadOnlyList<string> NextSteps,
    AlertDocumentLinks Links,
    DateTimeOffset DetectedAt,
    bool Trimmed,
    IReadOnlyList<string> PolicyDiff,
    IReadOnlyList<string> PolicyChange,
    int SuppressedRepeats,
    DateTimeOffset? PreviousAlertAt,
    string? AlertId)
{
    public const string CurrentSchema = "idckmsguard.alert/1";
}

public sealed record AlertDocumentKey(string Arn, string? Region, string? StateBefore, string? StateAfter);

public sealed record AlertDocumentFinding(string Rule, string Severity, string Message, bool Resolved);

public sealed record AlertDocumentStep(string Action, string Status, string Detail);

public sealed record AlertDocumentLinks(string? KeyConsole, string? EventConsole)
{
    /// <summary>The rule's runbook: what broke, how to confirm, how to fix by hand, how to undo the guard's fix.</summary>
    public string? Runbook { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(AlertDocument))]
internal sealed partial class AlertJsonContext : JsonSerializerContext;
