using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Events;

public sealed class SampleEventClassificationTests
{
    public static TheoryData<string, Trigger, bool> SharedSamples => new()
    {
        { "awsdocs-cloudtrail__RotateKey__1.json", Trigger.Unsupported, true },
        { "awsdocs-identitycenter__DescribePermissionsPolicies__1.json", Trigger.Unsupported, true },
        { "awsdocs-kms-2022__DeleteImportedKeyMaterial__1.json", Trigger.KeyMaterialDeleted, true },
        { "awsdocs-kms-current__DeleteImportedKeyMaterial__1.json", Trigger.KeyMaterialDeleted, true },
        { "awsdocs-kms-current__EnableKeyRotation__1.json", Trigger.Unsupported, true },
        { "awsdocs-kms-current__KMS_CMK_Rotation__1.json", Trigger.Unsupported, true },
        { "awsdocs-kms-devguide-2021__DisableKey__1.json", Trigger.KeyDisabled, true },
        { "awsdocs-kms-devguide__CancelKeyDeletion__1.json", Trigger.KeyDeletionCancelled, true },
        { "awsdocs-kms-devguide__CreateGrant__1.json", Trigger.Unsupported, true },
        { "awsdocs-kms-devguide__CreateKey__1.json", Trigger.Unsupported, true },
        { "awsdocs-kms-devguide__CreateKey__2.json", Trigger.Unsupported, true },
        { "awsdocs-kms-devguide__CreateKey__3.json", Trigger.Unsupported, true },
        { "awsdocs-kms-devguide__DeleteExpiredKeyMaterial__1.json", Trigger.KeyMaterialExpired, true },
        { "awsdocs-kms-devguide__DeleteKey__1.json", Trigger.KeyDeleted, true },
        { "awsdocs-kms-devguide__DeleteKey__2.json", Trigger.KeyDeleted, true },
        { "awsdocs-kms-devguide__DisableKeyRotation__1.json", Trigger.KeyRotationDisabled, true },
        { "awsdocs-kms-devguide__DisableKey__1.json", Trigger.KeyDisabled, true },
        { "awsdocs-kms-devguide__EnableKeyRotation__1.json", Trigger.Unsupported, true },
        { "awsdocs-kms-devguide__EnableKey__1.json", Trigger.KeyEnabled, true },
        { "awsdocs-kms-devguide__KMS_CMK_Deletion__1.json", Trigger.KeyDeleted, true },
        { "awsdocs-kms-devguide__KMS_CMK_Rotation__1.json", Trigger.Unsupported, true },
        { "awsdocs-kms-devguide__KMS_Imported_Key_Material_Expiration__1.json", Trigger.KeyMaterialExpired, true },
        { "awsdocs-kms-devguide__PutKeyPolicy__1.json", Trigger.KeyPolicyChanged, true },
        { "awsdocs-kms-devguide__ReplicateKey__1.json", Trigger.KeyReplicated, true },
        { "awsdocs-kms-devguide__RevokeGrant__1.json", Trigger.Unsupported, true },
        { "awsdocs-kms-devguide__ScheduleKeyDeletion__1.json", Trigger.KeyDeletionScheduled, true },
        { "awsdocs-kms-devguide__ScheduleKeyDeletion__2.json", Trigger.KeyDeletionScheduled, true },
        { "awsdocs-kms-devguide__ScheduleKeyDeletion__3.json", Trigger.KeyDeletionScheduled, true },
        { "awsdocs-m2__CreateGrant__1.json", Trigger.Unsupported, true },
        { "awsdocs-m2__CreateGrant__2.json", Trigger.Unsupported, true },
        { "awsdocs-managedblockchain__CreateGrant__1.json", Trigger.Unsupported, true },
        { "awsdocs-vpclattice__CreateGrant__1.json", Trigger.Unsupported, true },
    };

    public static TheoryData<string, Trigger, bool> ProjectEvents => new()
    {
        { "kms-put-key-policy.json", Trigger.KeyPolicyChanged, true },
        { "kms-put-key-policy-failed.json", Trigger.KeyPolicyChanged, false },
        { "kms-disable-key.json", Trigger.KeyDisabled, true },
        { "kms-disable-key-failed.json", Trigger.KeyDisabled, false },
        { "kms-disable-key-by-alias.json", Trigger.KeyDisabled, true },
        { "kms-enable-key.json", Trigger.KeyEnabled, true },
        { "kms-schedule-key-deletion.json", Trigger.KeyDeletionScheduled, true },
        { "kms-schedule-key-deletion-failed.json", Trigger.KeyDeletionScheduled, false },
        { "kms-cancel-key-deletion.json", Trigger.KeyDeletionCancelled, true },
        { "kms-disable-key-rotation.json", Trigger.KeyRotationDisabled, true },
        { "kms-delete-imported-key-material.json", Trigger.KeyMaterialDeleted, true },
        { "kms-delete-expired-key-material.json", Trigger.KeyMaterialExpired, true },
        { "kms-imported-key-material-expiration.json", Trigger.KeyMaterialExpired, true },
        { "kms-delete-key.json", Trigger.KeyDeleted, true },
        { "kms-cmk-deletion.json", Trigger.KeyDeleted, true },
        { "kms-replicate-key.json", Trigger.KeyReplicated, true },
        { "kms-update-primary-region.json", Trigger.KeyPrimaryRegionChanged, true },
        { "kms-cmk-rotation.json", Trigger.Unsupported, true },
        { "kms-create-grant.json", Trigger.Unsupported, true },
        { "kms-decrypt-by-identity-center-failed.json", Trigger.KeyUseFailed, false },
        { "kms-describe-key-through-identity-center-failed.json", Trigger.KeyUseFailed, false },
        { "kms-decrypt-by-identity-center.json", Trigger.Unsupported, true },
        { "kms-decrypt-direct-failed.json", Trigger.Unsupported, false },
        { "sso-update-instance.json", Trigger.IdentityCenterEncryptionChanged, true },
        { "sso-update-instance-failed.json", Trigger.IdentityCenterEncryptionChanged, false },
        { "sso-add-region.json", Trigger.IdentityCenterRegionChanged, true },
        { "sso-remove-region.json", Trigger.IdentityCenterRegionChanged, true },
        { "scheduled-event.json", Trigger.Sweep, true },
    };

    [Theory]
    [MemberData(nameof(SharedSamples))]
    public void Read_WhenGivenAwsDocumentationSample_ShouldClassifyIt(string file, Trigger expected, bool succeeded)
    {
        var guardEvent = EventReader.Read(File.ReadAllText(Path.Combine(RepoPaths.Reference, "cloudtrail", file)));

        Assert.Equal(expected, guardEvent.Trigger);
        Assert.Equal(succeeded, guardEvent.Succeeded);
    }

    [Theory]
    [MemberData(nameof(ProjectEvents))]
    public void Read_WhenGivenProjectEventFile_ShouldClassifyIt(string file, Trigger expected, bool succeeded)
    {
        var guardEvent = EventReader.Read(File.ReadAllText(RepoPaths.EventFile(file)));

        Assert.Equal(expected, guardEvent.Trigger);
        Assert.Equal(succeeded, guardEvent.Succeeded);
        Assert.NotNull(guardEvent.EventId);
        Assert.Equal("111122223333", guardEvent.Account);
    }

    [Fact]
    public void ProjectEvents_ShouldListEveryFileInEventsFolder()
    {
        var listed = ProjectEvents.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        var present = Directory.GetFiles(RepoPaths.Events, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(present, listed);
    }

    [Fact]
    public void SharedSamples_ShouldListEverySharedCloudTrailFile()
    {
        var listed = SharedSamples.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        var present = Directory.GetFiles(Path.Combine(RepoPaths.Reference, "cloudtrail"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(present, listed);
    }

    [Fact]
    public void Read_WhenSampleIsScheduleKeyDeletionOfReplica_ShouldCollectMrkIdAndArn()
    {
        var guardEvent = EventReader.Read(File.ReadAllText(Path.Combine(RepoPaths.Reference, "cloudtrail", "awsdocs-kms-devguide__ScheduleKeyDeletion__2.json")));

        Assert.Equal(
            ["arn:aws:kms:us-west-2:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890ab"],
            guardEvent.KeyRefs);
        Assert.Equal("IAMUser", guardEvent.Actor.Type);
        Assert.Equal("arn:aws:iam::111122223333:user/Alice", guardEvent.Actor.Arn);
    }

    [Fact]
    public void Read_WhenNativeDeletionEvent_ShouldTakeKeyFromResourcesAndDetail()
    {
        var guardEvent = EventReader.Read(File.ReadAllText(RepoPaths.EventFile("kms-cmk-deletion.json")));

        Assert.Equal(Trigger.KeyDeleted, guardEvent.Trigger);
        Assert.Equal("KMS CMK Deletion", guardEvent.EventName);
        Assert.Equal("aws.kms", guardEvent.EventSource);
        Assert.Equal("AWSService", guardEvent.Actor.Type);
        Assert.Contains("mrk-1234abcd12ab34cd56ef1234567890ab", guardEvent.KeyRefs);
    }
}
