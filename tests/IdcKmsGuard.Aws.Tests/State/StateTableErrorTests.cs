using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Aws.State;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Aws.Tests.State;

public sealed class StateTableErrorTests
{
    [Fact]
    public async Task ClaimAsync_WhenTheTableDoesNotExist_ShouldThrowAwsCallExceptionNamingTheTable()
    {
        using var table = await StateTestTable.CreateAsync();
        var store = new DynamoDbGuardStateStore(table.Client, "NoSuchTable", table.Clock);

        var error = await Assert.ThrowsAsync<AwsCallException>(() => store.ClaimAsync("e1", table.Clock.GetUtcNow() + TimeSpan.FromMinutes(5), CancellationToken.None));

        Assert.Equal(("dynamodb", "UpdateItem", "ResourceNotFoundException", 400), (error.Service, error.Operation, error.ErrorCode, error.HttpStatus));
        Assert.Equal("NoSuchTable/event#e1", error.Resource);
        Assert.IsType<ResourceNotFoundException>(error.InnerException);
    }

    [Fact]
    public async Task RecordSentAsync_WhenTheTableDoesNotExist_ShouldThrowAwsCallException()
    {
        using var table = await StateTestTable.CreateAsync();
        var store = new DynamoDbGuardStateStore(table.Client, "NoSuchTable", table.Clock);

        var error = await Assert.ThrowsAsync<AwsCallException>(() => store.RecordSentAsync("a", TimeSpan.FromHours(1), CancellationToken.None));

        Assert.Equal(("UpdateItem", "ResourceNotFoundException"), (error.Operation, error.ErrorCode));
    }
}
