using System.Text.Json;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Lambda.Runtime;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Function;

/// <summary>
/// One invocation: read the event, run the guard within the invocation's time, answer with what it did. Failures
/// are thrown so that Lambda retries the event and, after the retries, keeps it in the dead-letter queue: nothing is
/// dropped silently. An SQS batch (follow-ups, refused calls) is answered message by message.
/// </summary>
/// <param name="metrics">Receives the Embedded Metric Format lines of each result (stdout in Lambda); null: none.</param>
/// <param name="ownQueues">The ARNs of the guard's own queues: an SQS batch from any other is refused. Null: not checked.</param>
internal sealed class GuardHandler(
    Guard guard,
    ILogger logger,
    TimeProvider time,
    Action<string>? metrics = null,
    string service = "idckmsguard",
    IReadOnlySet<string>? ownQueues = null) : ILambdaHandler
{
    public async Task<ReadOnlyMemory<byte>> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        using var budget = InvocationBudget.Until(invocation.Deadline, time, cancellationToken);
        if (SqsBatch.TryRead(invocation.Payload) is { } messages)
        {
            RefuseForeign(messages);
            return JsonSerializer.SerializeToUtf8Bytes(
                await new QueueBatchHandler(guard, logger, Emit).HandleAsync(messages, budget).ConfigureAwait(false),
                FunctionJsonContext.Default.BatchResponse);
        }

        GuardEvent guardEvent;
        try
        {
            guardEvent = EventReader.Read(invocation.Payload);
        }
        catch (EventFormatException e)
        {
            logger.LogError("Malformed event: {Reason}", e.Message);
            throw new GuardInvocationException(e);
        }

        logger.LogInformation(
            "Event {EventName} from {EventSource} ({Trigger}), id {EventId}, by {Actor}",
            guardEvent.EventName,
            guardEvent.EventSource,
            guardEvent.Trigger.ToString(),
            guardEvent.EventId,
            guardEvent.Actor.Describe());
        try
        {
            var result = await guard.HandleAsync(guardEvent, budget).ConfigureAwait(false);
            Emit(result);
            return JsonSerializer.SerializeToUtf8Bytes(InvocationResult.From(result), FunctionJsonContext.Default.InvocationResult);
        }
        catch (RetryLaterException e)
        {
            logger.LogWarning(e, "Event {EventId} is not finished, Lambda retries it: {Reason}", guardEvent.EventId, e.Message);
            throw new GuardInvocationException(e);
        }
        catch (GuardException e)
        {
            logger.LogError(e, "Event {EventId} failed: {Reason}", guardEvent.EventId, e.Message);
            throw new GuardInvocationException(e);
        }
    }

    // Anyone who may invoke the function can hand it an SQS-shaped batch: one that does not come from the guard's own
    // queues would raise KEY-USE-FAILING on a healthy key, or re-check what nobody asked for. It is refused whole
    // (an error: Lambda's retries, the dead-letter queue and the errors alarm see it), nothing in it read.
    private void RefuseForeign(IReadOnlyList<SqsMessage> messages)
    {
        if (ownQueues is null || messages.FirstOrDefault(m => m.SourceQueueArn is null || !ownQueues.Contains(m.SourceQueueArn)) is not { } foreign)
        {
            return;
        }

        var error = new EventFormatException(
            $"An SQS batch from {foreign.SourceQueueArn ?? "an unnamed queue"}, which is not one of the guard's queues: refused, nothing in it was read.");
        logger.LogError("Refused batch: {Reason}", error.Message);
        throw new GuardInvocationException(error);
    }

    private void Emit(GuardResult result)
    {
        foreach (var line in Core.Metrics.EmbeddedMetrics.For(result, service, time.GetUtcNow()))
        {
            metrics?.Invoke(line);
        }
    }
}
