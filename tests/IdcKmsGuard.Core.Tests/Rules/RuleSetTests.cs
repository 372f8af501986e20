using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Tests.Rules;

public sealed class RuleSetTests
{
    [Theory]
    [InlineData("KEY-ROTATION,KEY-ENABLED", "KEY-ENABLED,KEY-ROTATION")]
    [InlineData("KEY-ENABLED, KEY-ENABLED,,", "KEY-ENABLED")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Parse_ShouldStoreTheIdsOnceInOrdinalOrder(string? stored, string expected)
    {
        Assert.Equal(expected, RuleSet.Parse(stored).ToString());
    }

    [Fact]
    public void Equals_WhenTheSameIdsCameInAnotherOrder_ShouldBeEqual()
    {
        var one = RuleSet.Of(["KEY-ROTATION", "KEY-ENABLED"]);
        var other = RuleSet.Parse("KEY-ENABLED,KEY-ROTATION");

        Assert.Equal(one, other);
        Assert.Equal(one.GetHashCode(), other.GetHashCode());
        Assert.NotEqual(one, RuleSet.Parse("KEY-ENABLED"));
        Assert.True(RuleSet.Parse(",").IsEmpty);
    }

    [Fact]
    public void SetOperations_ShouldKeepTheSetSortedAndDistinct()
    {
        var open = RuleSet.Parse("KEY-ENABLED,KEY-POLICY-HEALTHY,KEY-ROTATION");
        var verified = RuleSet.Of(RuleCatalog.KeyEnabled, RuleCatalog.KeyNotPendingDeletion);

        Assert.Equal("KEY-ENABLED", open.Intersect(verified).ToString());
        Assert.Equal("KEY-POLICY-HEALTHY,KEY-ROTATION", open.Except(verified).ToString());
        Assert.Equal("KEY-ENABLED,KEY-NOT-PENDING-DELETION,KEY-POLICY-HEALTHY,KEY-ROTATION", open.Union(verified).ToString());
        Assert.True(open.Contains("KEY-ROTATION"));
        Assert.False(open.Contains("KEY-REPLICA"));
    }
}
