using IdcKmsGuard.Core.Events;

namespace IdcKmsGuard.Core.Tests.Events;

/// <summary>Records with the oddities seen outside the documentation (see OddRecords/README.md).</summary>
public sealed class OddRecordTests
{
    public static TheoryData<string, Trigger, bool, string[]> Records => new()
    {
        { "panther-disable-key-short-ids.json", Trigger.KeyDisabled, true, ["arn:aws:kms:us-west-2:123456789012:key/1", "1"] },
        { "panther-schedule-deletion-resources-null.json", Trigger.KeyDeletionScheduled, true, ["1", "arn:aws:kms:us-west-2:123456789012:key/1"] },
        { "panther-disable-key-not-found.json", Trigger.KeyDisabled, false, ["arn:aws:kms:us-west-2:123456789012:key/1", "1"] },
        { "panther-decrypt-read.json", Trigger.Unsupported, true, ["arn:aws:kms:us-west-2:123456789012:key/1"] },
        { "idc-service-decrypt-denied.json", Trigger.KeyUseFailed, false, ["arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"] },
        { "eventbridge-resources-objects-lowercase.json", Trigger.KeyPolicyChanged, true, ["arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"] },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void Read_WhenRecordIsOdd_ShouldClassifyItAndKeepEveryReferenceAsGiven(string file, Trigger trigger, bool succeeded, string[] keyRefs)
    {
        var guardEvent = EventReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Events", "OddRecords", file)));

        Assert.Equal(trigger, guardEvent.Trigger);
        Assert.Equal(succeeded, guardEvent.Succeeded);
        Assert.Equal(keyRefs, guardEvent.KeyRefs);
    }

    [Fact]
    public void KeyReference_WhenRecordUsesShortFakeIds_ShouldNotMistakeThemForKeys()
    {
        var guardEvent = EventReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Events", "OddRecords", "panther-disable-key-short-ids.json")));

        Assert.All(guardEvent.KeyRefs, reference => Assert.Equal(Core.Keys.KeyReferenceKind.Unrecognised, Core.Keys.KeyReference.Classify(reference).Kind));
    }
}
