using IdcKmsGuard.Core.Events;

namespace IdcKmsGuard.Core.Tests.Events;

public sealed class MalformedEventTests
{
    public static TheoryData<string, string> Inputs => new()
    {
        { "", "empty" },
        { "not json", "not valid JSON" },
        { "{\"detail-type\": ", "not valid JSON" },
        { "[]", "must be a JSON object, not an array" },
        { "42", "must be a JSON object, not a number" },
        { "null", "must be a JSON object, not null" },
        { "{}", "neither an EventBridge event" },
        { "{\"detail-type\": \"AWS API Call via CloudTrail\"}", "has no 'detail' object" },
        { "{\"detail-type\": \"AWS API Call via CloudTrail\", \"detail\": []}", "has no 'detail' object" },
        { "{\"detail\": {}}", "has no 'detail-type' string" },
        { "{\"detail-type\": 7, \"detail\": {}}", "has no 'detail-type' string" },
        { "{\"eventSource\": \"kms.amazonaws.com\"}", "has no 'eventName' string" },
        { "{\"eventName\": \"DisableKey\"}", "has no 'eventSource' string" },
        { "{\"Records\": []}", "holds 0 records" },
        { "{\"Records\": [{}, {}]}", "holds 2 records" },
        { "{\"Records\": {}}", "'Records' must be an array" },
        { "{\"Records\": [3]}", "not a JSON object" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Read_WhenInputIsNotAnEvent_ShouldThrowOneLineError(string input, string expectedFragment)
    {
        var error = Assert.Throws<EventFormatException>(() => EventReader.Read(input));

        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal("MalformedEvent", error.ErrorType);
    }

    [Fact]
    public void Read_WhenNestingIsDeeperThanLimit_ShouldThrowFormatErrorNotStackOverflow()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);

        Assert.Throws<EventFormatException>(() => EventReader.Read(deep));
    }

    [Fact]
    public void Read_WhenInputIsLargerThanAnyEvent_ShouldRefuseIt()
    {
        var huge = "{\"eventName\":\"" + new string('x', EventReader.MaxEventBytes) + "\"}";

        var error = Assert.Throws<EventFormatException>(() => EventReader.Read(huge));

        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenRandomBytes_ShouldNeverThrowAnythingButFormatErrors()
    {
        var random = new Random(20261130);
        var (read, refused) = (0, 0);
        var samples = Directory.GetFiles(IdcKmsGuard.Testing.RepoPaths.Events, "*.json").Select(File.ReadAllBytes).ToArray();
        for (var i = 0; i < 2_000; i++)
        {
            var bytes = (byte[])samples[i % samples.Length].Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            try
            {
                EventReader.Read(bytes);
                read++;
            }
            catch (EventFormatException)
            {
                refused++;
            }
        }

        Assert.Equal(2_000, read + refused);
        Assert.True(read > 0 && refused > 0, $"read {read}, refused {refused}: the mutations should produce both");
    }
}
