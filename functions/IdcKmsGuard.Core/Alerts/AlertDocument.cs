using System.Text.Json.Serialization;

namespace IdcKmsGuard.Core.Alerts;

/// <summary>
/// The JSON alert for machine subscribers. Within a major version (<see cref="Schema"/>) fields are only added, never
/// removed or changed in meaning: a consumer ignores fields it does not know. A removal or a change of meaning is a new
/// major version (infra/docs/alerts.md, "Versions").
/// </summary>
public sealed record AlertDocument(
    string Schema,
    string Kind,
    bool ActionRequired,
    AlertDocumentIncident Incident,
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
    string? AlertId,
    AlertDocumentGuard Guard,
    AlertDocumentAccount Account)
{
    public const int CurrentVersion = 2;

    public const string SchemaPrefix = "idckmsguard.alert/";

    public static string SchemaOf(int version) => $"{SchemaPrefix}{version}";
}

public sealed record AlertDocumentIncident(string Id, string Status, DateTimeOffset OpenedAt, int Repeats);

public sealed record AlertDocumentGuard(string Version);

/// <param name="Id">The account the guard runs in.</param>
/// <param name="Label">The name people know it by (the stack's AccountLabel), null when none was given.</param>
public sealed record AlertDocumentAccount(string? Id, string? Label);

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
