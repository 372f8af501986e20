using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Aws.State;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Aws.Tests.State;

public sealed class StateTableErrorTests
{
    [Fact]
    public async Task ClaimEventAsync_WhenTheTableDoesNotExist_ShouldThrowAwsCallExceptionNamingTheTable()
    {
        using var table = await StateTestTable.CreateAsync();
        var store = new DynamoDbGuardStateStore(table.Client, "NoSuchTable", table.Clock);

        var error = await Assert.ThrowsAsync<AwsCallException>(() => store.ClaimEventAsync("e1", TimeSpan.FromMinutes(5), CancellationToken.None));

        Assert.Equal(("dynamodb", "PutItem", "ResourceNotFoundException", 400), (error.Service, error.Operation, error.ErrorCode, error.HttpStatus));
        Assert.Equal("NoSuchTable/event#e1", error.Resource);
        Assert.IsType<ResourceNotFoundException>(error.InnerException);
    }

    [Fact]
    public async Task RegisterAlertAsync_WhenTheTableDoesNotExist_ShouldThrowAwsCallException()
    {
        using var table = await StateTestTable.CreateAsync();
        var store = new DynamoDbGuardStateStore(table.Client, "NoSuchTable", table.Clock);

        var error = await Assert.ThrowsAsync<AwsCallException>(() => store.RegisterAlertAsync("a", TimeSpan.FromHours(1), CancellationToken.None));

        Assert.Equal(("UpdateItem", "ResourceNotFoundException"), (error.Operation, error.ErrorCode));
    }
}
