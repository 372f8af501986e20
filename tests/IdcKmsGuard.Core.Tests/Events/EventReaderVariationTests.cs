using IdcKmsGuard.Core.Events;

namespace IdcKmsGuard.Core.Tests.Events;

/// <summary>The shapes real records take beyond the documentation's samples (identity-center-cmk.md, "Event shapes").</summary>
public sealed class EventReaderVariationTests
{
    private const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    [Fact]
    public void Read_WhenResourcesUseLowerCaseArnWithoutType_ShouldStillFindTheKey()
    {
        var guardEvent = EventReader.Read(Record("DisableKey", """ "resources": [{ "arn": "KEY" }], "requestParameters": null """));

        Assert.Equal([KeyArn], guardEvent.KeyRefs);
    }

    [Fact]
    public void Read_WhenResourcesIsNullAndKeyIdIsAlias_ShouldReportTheAliasAsGiven()
    {
        var guardEvent = EventReader.Read(Record("DisableKey", """ "resources": null, "requestParameters": { "keyId": "alias/idc-identity" } """));

        Assert.Equal(["alias/idc-identity"], guardEvent.KeyRefs);
        Assert.Equal(Trigger.KeyDisabled, guardEvent.Trigger);
    }

    [Fact]
    public void Read_WhenKeyIdIsAliasArn_ShouldReportItAsGiven()
    {
        var guardEvent = EventReader.Read(Record("ScheduleKeyDeletion", """ "requestParameters": { "keyId": "arn:aws:kms:us-east-1:111122223333:alias/idc" } """));

        Assert.Equal(["arn:aws:kms:us-east-1:111122223333:alias/idc"], guardEvent.KeyRefs);
    }

    [Fact]
    public void Read_WhenResponseElementsCarryKeyArn_ShouldCollectRequestAndResponseReferencesOnce()
    {
        var guardEvent = EventReader.Read(Record("EnableKey", """ "requestParameters": { "keyId": "1234abcd-12ab-34cd-56ef-1234567890ab" }, "responseElements": { "keyId": "KEY" }, "resources": [{ "ARN": "KEY", "type": "AWS::KMS::Key" }] """));

        Assert.Equal([KeyArn, "1234abcd-12ab-34cd-56ef-1234567890ab"], guardEvent.KeyRefs);
    }

    [Fact]
    public void Read_WhenCallFailed_ShouldCarryErrorCodeAndMessage()
    {
        var guardEvent = EventReader.Read(Record("DisableKey", """ "errorCode": "AccessDenied", "errorMessage": "not authorized", "requestParameters": { "keyId": "KEY" } """));

        Assert.False(guardEvent.Succeeded);
        Assert.Equal("AccessDenied", guardEvent.ErrorCode);
        Assert.Equal("not authorized", guardEvent.ErrorMessage);
    }

    [Fact]
    public void Read_WhenErrorCodeIsEmptyString_ShouldCountAsSuccess()
    {
        var guardEvent = EventReader.Read(Record("DisableKey", """ "errorCode": "", "requestParameters": { "keyId": "KEY" } """));

        Assert.True(guardEvent.Succeeded);
        Assert.Null(guardEvent.ErrorCode);
    }

    [Fact]
    public void Read_WhenMfaFlagIsBooleanInsteadOfString_ShouldReadTheActor()
    {
        var guardEvent = EventReader.Read(Record("DisableKey", """
            "userIdentity": { "type": "AssumedRole", "arn": "arn:aws:sts::111122223333:assumed-role/Admin/bob",
              "sessionContext": { "attributes": { "mfaAuthenticated": true }, "sessionIssuer": { "arn": "arn:aws:iam::111122223333:role/Admin" } } },
            "requestParameters": { "keyId": "KEY" }
            """));

        Assert.Equal("AssumedRole", guardEvent.Actor.Type);
        Assert.Equal("arn:aws:iam::111122223333:role/Admin", guardEvent.Actor.SessionIssuerArn);
    }

    [Fact]
    public void Read_WhenServiceEventHasOnlyInvokedBy_ShouldCallTheActorAnAwsService()
    {
        var guardEvent = EventReader.Read(Record("DeleteKey", """ "userIdentity": { "accountId": "111122223333", "invokedBy": "AWS Internal" }, "requestParameters": null """));

        Assert.Equal("AWSService", guardEvent.Actor.Type);
        Assert.Null(guardEvent.Actor.Arn);
        Assert.Equal("AWS Internal", guardEvent.Actor.InvokedBy);
    }

    [Fact]
    public void Read_WhenBareCloudTrailRecord_ShouldReadItLikeTheEnvelope()
    {
        var bare = EventReader.Read(Detail("DisableKey", """ "requestParameters": { "keyId": "KEY" } """));
        var wrapped = EventReader.Read(Record("DisableKey", """ "requestParameters": { "keyId": "KEY" } """));

        Assert.Equal(wrapped.Trigger, bare.Trigger);
        Assert.Equal(wrapped.KeyRefs, bare.KeyRefs);
        Assert.Equal(wrapped.EventId, bare.EventId);
    }

    [Fact]
    public void Read_WhenCloudTrailLogHoldsOneRecord_ShouldReadThatRecord()
    {
        var guardEvent = EventReader.Read($$"""{ "Records": [ {{Detail("PutKeyPolicy", """ "requestParameters": { "keyId": "KEY", "policy": "{}" } """)}} ] }""");

        Assert.Equal(Trigger.KeyPolicyChanged, guardEvent.Trigger);
        Assert.Equal("{}", guardEvent.ProposedPolicy);
    }

    [Fact]
    public void Read_WhenIdentityCenterUpdateInstanceHasEncryptionInAnyCasing_ShouldFindKeyArnAndInstance()
    {
        var guardEvent = EventReader.Read(Record(
            "UpdateInstance",
            """ "requestParameters": { "InstanceArn": "arn:aws:sso:::instance/ssoins-1", "EncryptionConfiguration": { "KeyType": "CUSTOMER_MANAGED_KEY", "KmsKeyArn": "KEY" } } """,
            source: "sso.amazonaws.com"));

        Assert.Equal(Trigger.IdentityCenterEncryptionChanged, guardEvent.Trigger);
        Assert.Equal("arn:aws:sso:::instance/ssoins-1", guardEvent.InstanceArn);
        Assert.Equal([KeyArn], guardEvent.KeyRefs);
        Assert.True(guardEvent.MentionsEncryption);
    }

    [Fact]
    public void Read_WhenUpdateInstanceOnlyRenames_ShouldSayEncryptionIsNotMentioned()
    {
        var guardEvent = EventReader.Read(Record("UpdateInstance", """ "requestParameters": { "instanceArn": "arn:aws:sso:::instance/ssoins-1", "name": "corp" } """, source: "sso.amazonaws.com"));

        Assert.False(guardEvent.MentionsEncryption);
    }

    [Fact]
    public void Read_WhenOldRecordLacksNewerFields_ShouldStillRead()
    {
        var guardEvent = EventReader.Read("""
            { "eventVersion": "1.02", "eventSource": "kms.amazonaws.com", "eventName": "EnableKey",
              "requestParameters": { "keyId": "mrk-1234abcd12ab34cd56ef1234567890ab" } }
            """);

        Assert.Equal(Trigger.KeyEnabled, guardEvent.Trigger);
        Assert.Null(guardEvent.EventId);
        Assert.Null(guardEvent.EventTime);
        Assert.Equal(Actor.Unknown, guardEvent.Actor);
    }

    [Fact]
    public void Read_WhenFieldsHaveUnexpectedTypes_ShouldTreatThemAsAbsent()
    {
        var guardEvent = EventReader.Read(Record("DisableKey", """ "requestParameters": { "keyId": 42 }, "resources": "none", "eventTime": 17, "userIdentity": [] """));

        Assert.Empty(guardEvent.KeyRefs);
        Assert.Equal(Actor.Unknown, guardEvent.Actor);
    }

    [Fact]
    public void Read_WhenEventSourceIsAnotherService_ShouldBeUnsupported()
    {
        var guardEvent = EventReader.Read(Record("DisableKey", """ "requestParameters": null """, source: "ec2.amazonaws.com"));

        Assert.Equal(Trigger.Unsupported, guardEvent.Trigger);
    }

    [Fact]
    public void Read_WhenEnvelopeTimeDiffersFromEventTime_ShouldPreferTheRecord()
    {
        var guardEvent = EventReader.Read(Record("DisableKey", """ "eventTime": "2026-11-30T07:02:41Z" """));

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 7, 2, 41, TimeSpan.Zero), guardEvent.EventTime);
    }

    private static string Record(string eventName, string fields, string source = "kms.amazonaws.com") => $$"""
        { "version": "0", "id": "env-1", "detail-type": "AWS API Call via CloudTrail", "source": "aws.kms",
          "account": "111122223333", "time": "2026-01-01T00:00:00Z", "region": "us-east-1", "resources": [],
          "detail": {{Detail(eventName, fields, source)}} }
        """;

    private static string Detail(string eventName, string fields, string source = "kms.amazonaws.com") => $$"""
        { "eventVersion": "1.11", "eventSource": "{{source}}", "eventName": "{{eventName}}", "awsRegion": "us-east-1",
          "eventID": "evt-1", "recipientAccountId": "111122223333", {{fields.Replace("KEY", KeyArn, StringComparison.Ordinal)}} }
        """;
}
