using System.Text.Json;
using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Infra.Tests.Support;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>
/// The template's rules, installed on the stand-in's EventBridge, deliver exactly the events the guard acts on:
/// every file in events/ reaches the one rule for its trigger, or no rule when the guard ignores it.
/// </summary>
public sealed class EventPatternTests(GuardRulesOnMoto rules) : IClassFixture<GuardRulesOnMoto>
{
    public static TheoryData<string> EventFileNames => [.. EventFiles.Names];

    // A refused call the guard acts on; a refusal of someone else's direct call to KMS is not one.
    public static TheoryData<string> FailedCallFileNames =>
        [.. EventFiles.Names.Where(file => EventFiles.IsFailedCall(file) && EventReader.Read(EventFiles.Text(file)).Trigger != Trigger.Unsupported)];

    [Theory]
    [MemberData(nameof(EventFileNames))]
    public async Task PutEvents_WhenEventFileIsSent_ShouldReachOnlyTheRuleOfItsTrigger(string file)
    {
        var envelope = EventFiles.Envelope(file);
        var guardEvent = EventReader.Read(EventFiles.Text(file));
        var expected = RuleFor(guardEvent);

        var deliveries = await rules.PutAsync(envelope);

        var delivered = deliveries.Select(delivery => delivery.Rule).ToList();
        Assert.True(
            expected is null ? delivered.Count == 0 : delivered.SequenceEqual([expected]),
            $"{file} ({guardEvent.EventSource} {guardEvent.EventName} -> {guardEvent.Trigger}): expected {expected ?? "no rule"}, delivered by [{string.Join(", ", delivered)}].");
        foreach (var delivery in deliveries)
        {
            Assert.True(
                JsonElement.DeepEquals(envelope.GetProperty("detail"), delivery.Event.GetProperty("detail")),
                $"{file}: {delivery.Rule} delivered a different detail: {delivery.Event.GetProperty("detail")}");
        }
    }

    // Someone tried: a refused DisableKey or PutKeyPolicy on the protected key is worth an alert, so the rules must
    // not filter on errorCode.
    [Theory]
    [MemberData(nameof(FailedCallFileNames))]
    public async Task PutEvents_WhenCallFailed_ShouldStillBeDelivered(string file)
    {
        var deliveries = await rules.PutAsync(EventFiles.Envelope(file));

        Assert.True(deliveries.Count == 1, $"{file}: a failed call was delivered by {deliveries.Count} rules, expected 1.");
    }

    // The control: the same DisableKey record with another source must not match, or the theory above proves nothing.
    [Fact]
    public async Task PutEvents_WhenSourceIsNotKms_ShouldNotBeDelivered()
    {
        var original = EventFiles.Envelope("kms-disable-key.json");
        var control = JsonNode.Parse(original.GetRawText())!;
        control["source"] = "aws.ec2";

        var fromKms = await rules.PutAsync(original);
        using var ec2 = JsonDocument.Parse(control.ToJsonString());
        var fromEc2 = await rules.PutAsync(ec2.RootElement);

        Assert.Equal(["KmsApiCalls"], fromKms.Select(delivery => delivery.Rule));
        Assert.Empty(fromEc2);
    }

    // The burst rule's pattern is narrow: each control differs from a delivered refusal in one field only.
    [Theory]
    [InlineData("errorCode", null, "a call KMS allowed")]
    [InlineData("eventName", "Encrypt", "a call Identity Center does not make")]
    [InlineData("invokedBy", "s3.amazonaws.com", "another service's call")]
    [InlineData("invokedBy", null, "a direct call")]
    public async Task PutEvents_WhenARefusalDiffersInOneField_ShouldNotReachTheBurstRule(string field, string? value, string what)
    {
        var refusal = JsonNode.Parse(EventFiles.Envelope("kms-decrypt-by-identity-center-failed.json").GetRawText())!;
        var detail = refusal["detail"]!.AsObject();
        var owner = field == "invokedBy" ? detail["userIdentity"]!.AsObject() : detail;
        owner.Remove(field);
        if (value is not null)
        {
            owner[field] = value;
        }

        using var control = JsonDocument.Parse(refusal.ToJsonString());
        var deliveries = await rules.PutAsync(control.RootElement);

        Assert.True(deliveries.Count == 0, $"{what} was delivered by {string.Join(", ", deliveries.Select(d => d.Rule))}.");
    }

    [Fact]
    public void Rules_WhenInstalled_ShouldBeTheThreeOfTheTemplate()
    {
        Assert.Equal(["IdentityCenterApiCalls", "KeyUseFailureRule", "KmsApiCalls", "KmsServiceEvents"], rules.Rules.Order(StringComparer.Ordinal));
    }

    private static string? RuleFor(GuardEvent guardEvent) => guardEvent switch
    {
        { Trigger: Trigger.Unsupported } => null,

        // The sweep's schedule is a rule of its own (ScheduleExpression, no pattern): no pattern rule may take it.
        { Trigger: Trigger.Sweep } => null,
        { Trigger: Trigger.KeyUseFailed } => "KeyUseFailureRule",
        { EventSource: TriggerClassifier.KmsEventSource } => "KmsApiCalls",
        { EventSource: TriggerClassifier.IdentityCenterEventSource } => "IdentityCenterApiCalls",
        { EventSource: "aws.kms" } => "KmsServiceEvents",
        _ => throw new InvalidOperationException($"No rule is meant for {guardEvent.EventSource} {guardEvent.EventName}."),
    };
}
