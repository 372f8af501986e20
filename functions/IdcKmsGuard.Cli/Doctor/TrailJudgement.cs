using IdcKmsGuard.Aws.Deployment;

namespace IdcKmsGuard.Cli.Doctor;

/// <summary>Whether a trail's selectors record what the guard needs: every management event, read and write (KMS's
/// refusals of Identity Center are read events), KMS's included.</summary>
internal static class TrailJudgement
{
    private const string KmsSource = "kms.amazonaws.com";

    /// <returns>Null when the selectors record what the guard needs; otherwise what they miss.</returns>
    public static string? Gap(TrailEventSelectors selectors)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        if (selectors.AdvancedEventSelectors is { Count: > 0 } advanced)
        {
            return advanced.Any(RecordsEveryManagementEvent)
                ? null
                : "no advanced event selector records every management event (read and write, KMS's included)";
        }

        var management = (selectors.EventSelectors ?? []).Where(s => s.IncludeManagementEvents != false).ToList();
        if (management.Count == 0)
        {
            return "it records no management events";
        }

        if (!management.Any(s => s.ReadWriteType is null or "All"))
        {
            return $"it records only {management[0].ReadWriteType} management events (the guard needs All: KMS's refusals are read events)";
        }

        return management.Any(s => s.ReadWriteType is null or "All" && !(s.ExcludeManagementEventSources ?? []).Contains(KmsSource, StringComparer.Ordinal))
            ? null
            : $"it excludes {KmsSource} from its management events";
    }

    private static bool RecordsEveryManagementEvent(AdvancedEventSelector selector)
    {
        var fields = selector.FieldSelectors;
        var management = fields.Any(f => f.Field == "eventCategory" && (f.EqualTo ?? []).Contains("Management", StringComparer.Ordinal));
        var onlyOneKind = fields.Any(f => f.Field == "readOnly");
        var narrowsSources = fields.Any(f => f.Field == "eventSource" && !AdmitsKms(f));
        return management && !onlyOneKind && !narrowsSources;
    }

    private static bool AdmitsKms(AdvancedFieldSelector field) =>
        (field.EqualTo is not { Count: > 0 } equal || equal.Contains(KmsSource, StringComparer.Ordinal))
        && !(field.NotEquals ?? []).Contains(KmsSource, StringComparer.Ordinal)
        && (field.StartsWith is not { Count: > 0 } starts || starts.Any(p => KmsSource.StartsWith(p, StringComparison.Ordinal)))
        && !(field.NotStartsWith ?? []).Any(p => KmsSource.StartsWith(p, StringComparison.Ordinal));
}
