using IdcKmsGuard.Aws.Deployment;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Cli.Doctor;

/// <summary>What the guard needs from the account around its stack: a trail that records its events, and the mark on
/// every key it may repair.</summary>
internal sealed class AccountChecks(DeploymentReaders aws, string region)
{
    public const string TrailTitle = "A trail records every management event, read and write, KMS's included";
    public const string TaggedTitle = "Identity Center's key and each replica carry idckmsguard:guarded=true";

    public async Task<DoctorCheck> TrailAsync(CancellationToken cancellationToken)
    {
        var trails = (await aws.Trails.DescribeTrailsAsync(cancellationToken).ConfigureAwait(false))
            .Where(t => t.IsMultiRegionTrail == true || t.HomeRegion == region)
            .ToList();
        var problems = new List<string>();
        foreach (var trail in trails)
        {
            var arn = trail.TrailARN ?? trail.Name;
            var logging = (await aws.Trails.GetTrailStatusAsync(arn, cancellationToken).ConfigureAwait(false)).IsLogging == true;
            var gap = TrailJudgement.Gap(await aws.Trails.GetEventSelectorsAsync(arn, cancellationToken).ConfigureAwait(false));
            if (logging && gap is null)
            {
                return DoctorCheck.Pass("TRAIL", TrailTitle, $"trail {trail.Name} records them");
            }

            problems.Add($"trail {trail.Name}: {(logging ? gap : "is not logging")}");
        }

        var detail = trails.Count == 0 ? $"no trail records {region}'s events: EventBridge then receives no CloudTrail event" : string.Join("; ", problems);
        var name = trails.FirstOrDefault()?.Name ?? "<trail>";
        return DoctorCheck.Fail("TRAIL", TrailTitle, detail,
            trails.Count == 0
                ? $"aws cloudtrail create-trail --name <trail> --s3-bucket-name <bucket> --is-multi-region-trail && aws cloudtrail start-logging --name <trail>"
                : $"aws cloudtrail start-logging --name {name} && aws cloudtrail put-event-selectors --trail-name {name} "
                  + "--event-selectors '[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}]'");
    }

    public async Task<DoctorCheck> KeysTaggedAsync(CancellationToken cancellationToken)
    {
        var keys = new List<KeyArn>();
        foreach (var key in (await aws.IdentityCenter.DescribeInstancesAsync(cancellationToken).ConfigureAwait(false)).SelectMany(KeysNeeded))
        {
            if (await aws.Keys.DescribeKeyAsync(key, cancellationToken).ConfigureAwait(false) is not null)
            {
                keys.Add(key);
            }
        }

        if (keys.Count == 0)
        {
            return DoctorCheck.Pass("KEY-TAGGED", TaggedTitle, "no Identity Center instance here uses a customer managed key: nothing to mark");
        }

        var unmarked = new List<KeyArn>();
        foreach (var key in keys)
        {
            if (!GuardedKeyTag.IsMarked(await aws.Keys.GetTagsAsync(key, cancellationToken).ConfigureAwait(false)))
            {
                unmarked.Add(key);
            }
        }

        return unmarked.Count == 0
            ? DoctorCheck.Pass("KEY-TAGGED", TaggedTitle, $"{keys.Count} key(s) marked: the guard may repair them")
            : DoctorCheck.Fail("KEY-TAGGED", TaggedTitle,
                $"not marked (the guard only alerts about these, it may not repair them): {string.Join(", ", unmarked)}",
                string.Join(" && ", unmarked.Select(GuardedKeyTag.MarkCommand)));
    }

    // The key Identity Center uses and, for a multi-Region key, its replica in each other Identity Center Region.
    private static IEnumerable<KeyArn> KeysNeeded(IdentityCenterInstance instance) =>
        instance.Encryption is { UsesCustomerManagedKey: true, KmsKeyArn: { } inUse }
            ? [inUse, .. inUse.IsMultiRegion ? instance.AdditionalRegions.Select(inUse.InRegion) : []]
            : [];
}
