using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Core.Tests.Configuration;

public sealed class ConfigurationParserSettingsTests
{
    [Theory]
    [InlineData("\"merge-required\"", RepairStrategy.MergeRequired)]
    [InlineData("\"restore-last-known-good\"", RepairStrategy.RestoreLastKnownGood)]
    public void Parse_WhenRepairStrategyIsKnown_ShouldCarryIt(string value, RepairStrategy expected)
    {
        Assert.Equal(expected, ConfigurationParser.Parse(Documents.With($"\"repairStrategy\": {value}")).RepairStrategy);
    }

    [Theory]
    [InlineData("\"merge\"", "'merge' is not one of: merge-required, restore-last-known-good")]
    [InlineData("\"Merge-Required\"", "'Merge-Required' is not one of: merge-required, restore-last-known-good")]
    [InlineData("1", "must be a string, not a number")]
    public void Parse_WhenRepairStrategyIsUnknown_ShouldRefuseIt(string value, string problem)
    {
        var refusal = Documents.Refusal(Documents.With($"\"repairStrategy\": {value}"));

        Assert.Equal(("repairStrategy", problem), (refusal.Location, refusal.Problem));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("10080", 10080)]
    [InlineData("15.0", 15)]
    public void Parse_WhenWindowIsWithinOneMinuteAndOneWeek_ShouldCarryIt(string value, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), ConfigurationParser.Parse(Documents.With($"\"repeatAlertWindowMinutes\": {value}")).RepeatAlertWindow);
    }

    [Theory]
    [InlineData("0", "must be between 1 and 10080 minutes; it is 0")]
    [InlineData("10081", "must be between 1 and 10080 minutes; it is 10081")]
    [InlineData("-5", "must be between 1 and 10080 minutes; it is -5")]
    [InlineData("1e9", "must be between 1 and 10080 minutes; it is 1e9")]
    [InlineData("60.5", "must be a whole number of minutes")]
    [InlineData("\"60\"", "must be a whole number of minutes")]
    public void Parse_WhenWindowIsOutOfRangeOrNotWhole_ShouldRefuseIt(string value, string problem)
    {
        var refusal = Documents.Refusal(Documents.With($"\"repeatAlertWindowMinutes\": {value}"));

        Assert.Equal(("repeatAlertWindowMinutes", problem), (refusal.Location, refusal.Problem));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("168", 168)]
    public void Parse_WhenSweepRepeatIsWithinOneAndAWeekOfSweeps_ShouldCarryIt(string value, int sweeps)
    {
        Assert.Equal(sweeps, ConfigurationParser.Parse(Documents.With($"\"sweepRepeatAfter\": {value}")).SweepRepeatAfter);
    }

    [Theory]
    [InlineData("0", "must be between 1 and 168 sweeps; it is 0")]
    [InlineData("169", "must be between 1 and 168 sweeps; it is 169")]
    [InlineData("2.5", "must be a whole number of sweeps")]
    public void Parse_WhenSweepRepeatIsOutOfRange_ShouldRefuseIt(string value, string problem)
    {
        var refusal = Documents.Refusal(Documents.With($"\"sweepRepeatAfter\": {value}"));

        Assert.Equal(("sweepRepeatAfter", problem), (refusal.Location, refusal.Problem));
    }

    [Fact]
    public void Parse_WhenApprovedKeysAreKeyArns_ShouldCarryThemInOrder()
    {
        const string Uuid = "arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        var configuration = ConfigurationParser.Parse(Documents.With($"\"approvedKeys\": [\"{Documents.KeyArn}\", \"{Uuid}\"]"));

        Assert.Equal([Documents.KeyArn, Uuid], configuration.ApprovedKeys);
    }

    [Theory]
    [InlineData("arn:aws:kms:us-east-1:111122223333:alias/idc")]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/1234ABCD-12AB-34CD-56EF-1234567890AB")]
    [InlineData("arn:aws:kms:us-east-1:11112222333:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/mrk-1234")]
    [InlineData("arn:aws:kms:US-EAST-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/*")]
    [InlineData("1234abcd-12ab-34cd-56ef-1234567890ab")]
    public void Parse_WhenAnApprovedKeyIsNotAKeyArn_ShouldRefuseItByIndex(string value)
    {
        var refusal = Documents.Refusal(Documents.With($"\"approvedKeys\": [\"{Documents.KeyArn}\", \"{value}\"]"));

        Assert.Equal("approvedKeys[1]", refusal.Location);
        Assert.StartsWith($"'{value}' is not a KMS key ARN", refusal.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenAnApprovedKeyIsListedTwice_ShouldRefuseTheSecond()
    {
        var refusal = Documents.Refusal(Documents.With($"\"approvedKeys\": [\"{Documents.KeyArn}\", \"{Documents.KeyArn}\"]"));

        Assert.Equal(("approvedKeys[1]", "is listed twice"), (refusal.Location, refusal.Problem));
    }

    [Fact]
    public void Parse_WhenTooManyApprovedKeys_ShouldRefuseTheList()
    {
        var keys = string.Join(", ", Enumerable.Range(0, 51).Select(i => $"\"arn:aws:kms:us-east-1:111122223333:key/mrk-{i:x32}\""));

        var refusal = Documents.Refusal(Documents.With($"\"approvedKeys\": [{keys}]"));

        Assert.Equal(("approvedKeys", "has 51 entries; the limit is 50"), (refusal.Location, refusal.Problem));
    }

    [Theory]
    [InlineData("\"approvedKeys\": \"arn\"", "approvedKeys", "must be an array, not a string")]
    [InlineData("\"approvedKeys\": [1]", "approvedKeys[0]", "must be a string, not a number")]
    [InlineData("\"approvedKeys\": [null]", "approvedKeys[0]", "must be a string, not null")]
    public void Parse_WhenApprovedKeysHaveTheWrongType_ShouldRefuseThem(string members, string location, string problem)
    {
        var refusal = Documents.Refusal(Documents.With(members));

        Assert.Equal((location, problem), (refusal.Location, refusal.Problem));
    }
}
