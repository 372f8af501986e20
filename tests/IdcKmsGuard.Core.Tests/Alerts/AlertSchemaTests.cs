using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Tests.Guarding;
using IdcKmsGuard.Testing;
using Json.Schema;

namespace IdcKmsGuard.Core.Tests.Alerts;

/// <summary>Every alert the guard renders matches the published schema (infra/alerts/alert-v2.schema.json; version 1 in infra/alerts/alert-v1.schema.json).</summary>
public sealed class AlertSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "alerts", "alert-v2.schema.json")));

    public static TheoryData<string, KeyState, bool> Cases => new()
    {
        { "kms-disable-key.json", KeyState.Disabled, true },
        { "kms-schedule-key-deletion.json", KeyState.PendingDeletion, false },
        { "kms-disable-key-failed.json", KeyState.Enabled, true },
        { "kms-cmk-deletion.json", KeyState.Enabled, true },
        { "sso-update-instance.json", KeyState.Enabled, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Render_WhenTheGuardAlerts_ShouldMatchThePublishedSchema(string file, KeyState state, bool remediate)
    {
        var scenario = new GuardScenario(state, remediate);
        if (file == "kms-cmk-deletion.json")
        {
            scenario.Keys.Remove(GuardScenario.Key);
        }

        await scenario.HandleAsync(file);

        var rendered = Assert.Single(scenario.Publisher.Published);
        using var instance = System.Text.Json.JsonDocument.Parse(rendered.Json);
        var result = Schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public async Task Render_WhenTheSweepAlertsAndAnIncidentCloses_ShouldMatchThePublishedSchema()
    {
        var sweep = new GuardScenario(KeyState.Disabled, remediate: false);
        await sweep.HandleAsync("scheduled-event.json");
        sweep.Keys.SetState(GuardScenario.Key, KeyState.Enabled);
        await sweep.HandleAsync("kms-enable-key.json");

        Assert.Equal(2, sweep.Publisher.Published.Count);
        Assert.All(sweep.Publisher.Published, rendered =>
        {
            using var instance = System.Text.Json.JsonDocument.Parse(rendered.Json);
            var result = Schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
            Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        });
    }

    public static TheoryData<string> ExampleDocuments => [.. Directory.GetFiles(Path.Combine(RepoPaths.Root, "infra", "alerts", "examples"), "*.json", SearchOption.AllDirectories)
        .Where(f => !f.EndsWith(".attributes.json", StringComparison.Ordinal) && !f.EndsWith(".chatbot.json", StringComparison.Ordinal))
        .Select(f => Path.GetRelativePath(RepoPaths.Root, f))
        .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ExampleDocuments))]
    public void Example_ShouldMatchTheCurrentSchema(string example)
    {
        using var instance = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, example)));

        AssertValid(Schema, instance.RootElement);
    }

    [Fact]
    public async Task Render_WhenTheDeploymentAsksForVersion1_ShouldMatchTheVersion1Schema()
    {
        var version1 = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "alerts", "alert-v1.schema.json")));
        var scenario = new GuardScenario(KeyState.Disabled, remediate: false);
        var alert = (await scenario.HandleAsync("kms-disable-key.json")).Alert!;

        var rendered = AlertRenderer.Render(alert, format: new AlertFormat { SchemaVersion = 1, AccountLabel = "identity-prod" });

        using var instance = System.Text.Json.JsonDocument.Parse(rendered.Json);
        AssertValid(version1, instance.RootElement);
        Assert.Equal("idckmsguard.alert/1", instance.RootElement.GetProperty("schema").GetString());
        Assert.Equal("true", rendered.Attributes["action_required"]);
    }

    [Fact]
    public async Task Render_ShouldCarryTheGuardsVersionAccountAndLabel()
    {
        var scenario = new GuardScenario(KeyState.Disabled, remediate: false);
        var alert = (await scenario.HandleAsync("kms-disable-key.json")).Alert!;

        var rendered = AlertRenderer.Render(alert, format: new AlertFormat { Account = "444455556666", AccountLabel = "identity-prod" });

        var root = JsonNode.Parse(rendered.Json)!;
        Assert.Equal("444455556666", root["account"]!["id"]!.GetValue<string>());
        Assert.Equal("identity-prod", root["account"]!["label"]!.GetValue<string>());
        Assert.Equal(AlertFormat.GuardVersion, root["guard"]!["version"]!.GetValue<string>());
        Assert.Matches(@"^\d+\.\d+\.\d+", AlertFormat.GuardVersion);
        Assert.Equal("444455556666", rendered.Attributes["account"]);
    }

    private static void AssertValid(JsonSchema schema, System.Text.Json.JsonElement instance)
    {
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public void Schema_ShouldNameEveryTrigger()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "alerts", "alert-v2.schema.json")))!;
        var triggers = schema["properties"]!["event"]!["properties"]!["trigger"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal);

        Assert.Equal(Enum.GetNames<Core.Events.Trigger>().Order(StringComparer.Ordinal), triggers);
    }

    [Fact]
    public void Schema_ShouldRequireEveryFieldTheDocumentHas()
    {
        var properties = typeof(AlertDocument).GetProperties().Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]).Order(StringComparer.Ordinal);
        var required = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "alerts", "alert-v2.schema.json")))!["required"]!.AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal);

        Assert.Equal(properties, required);
    }

    [Fact]
    public void Render_WhenConfiguredForChatbot_ShouldWriteItsCustomNotificationFormat()
    {
        var alert = AlertSamples.Disabled();

        var rendered = AlertRenderer.Render(alert, chatbot: true);

        var chatbot = JsonNode.Parse(rendered.Chatbot!)!;
        Assert.Equal("1.0", chatbot["version"]!.GetValue<string>());
        Assert.Equal("custom", chatbot["source"]!.GetValue<string>());
        Assert.Equal("client-markdown", chatbot["content"]!["textType"]!.GetValue<string>());
        Assert.Contains(alert.Headline, chatbot["content"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(alert.KeyArn, chatbot["metadata"]!["threadId"]!.GetValue<string>());
        Assert.Null(AlertRenderer.Render(alert).Chatbot);
    }

    [Fact]
    public void Render_ShouldCarryTheFilterAttributes()
    {
        var attributes = AlertRenderer.Render(AlertSamples.Disabled()).Attributes;

        // SNS takes at most ten attributes per message.
        Assert.Equal(
            ["account", "action_required", "incident_status", "key_arn", "kind", "outcome", "region", "rule", "severity"],
            attributes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("false", attributes["action_required"]);
        Assert.Equal("resolved", attributes["incident_status"]);
        Assert.Equal("alert", attributes["kind"]);
        Assert.Equal("us-east-1", attributes["region"]);
        Assert.Equal(GuardScenario.Key.ToString(), attributes["key_arn"]);
    }

    [Fact]
    public void Render_WhenDetailsWouldExceedSnsLimit_ShouldTrimThemAndKeepTheHeadline()
    {
        var huge = AlertSamples.Disabled() with { PolicyDiff = Enumerable.Range(0, 20_000).Select(i => $"+ statement #{i} \"Sid{i}\": Allow arn:aws:iam::111122223333:role/R{i} kms:Decrypt").ToList() };

        var rendered = AlertRenderer.Render(huge);

        Assert.True(AlertSize.Fits(rendered), $"{AlertSize.BytesOf(rendered)} bytes");
        Assert.StartsWith(huge.Headline, rendered.EmailText, StringComparison.Ordinal);
        Assert.True(JsonNode.Parse(rendered.Json)!["trimmed"]!.GetValue<bool>());
        Assert.Contains("more line(s) trimmed", rendered.EmailText, StringComparison.Ordinal);
    }
}
