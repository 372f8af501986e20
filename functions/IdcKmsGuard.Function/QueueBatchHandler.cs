using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.FollowUps;
using IdcKmsGuard.Core.Guarding;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Function;

/// <summary>
/// An SQS batch: the guard's own follow-ups, and the refused calls of Identity Center that EventBridge queues in
/// bursts. Refusals are counted per key, a follow-up stands alone. Whatever fails (a message that is neither, a review
/// to retry) is handed back to SQS, which delivers it again and, after the queue's receive limit, keeps it in the
/// dead-letter queue: nothing is dropped. Out of time, the rest are handed back unread.
/// </summary>
internal sealed class QueueBatchHandler(Guard guard, ILogger logger, Action<GuardResult> emit)
{
    public async Task<BatchResponse> HandleAsync(IReadOnlyList<SqsMessage> messages, InvocationBudget budget)
    {
        var failures = new List<BatchItemFailure>();
        var refusals = new List<(SqsMessage Message, GuardEvent Refusal)>();
        foreach (var message in messages)
        {
            if (budget.Work.IsCancellationRequested)
            {
                failures.Add(new BatchItemFailure(message.MessageId));
            }
            else if (FollowUpJson.IsFollowUp(message.Body))
            {
                await RunAsync([message], failures, () => guard.FollowUpAsync(FollowUpJson.Read(message.Body), budget)).ConfigureAwait(false);
            }
            else if (Read(message) is { } guardEvent)
            {
                if (guardEvent.Trigger == Trigger.KeyUseFailed)
                {
                    refusals.Add((message, guardEvent));
                }
                else
                {
                    await RunAsync([message], failures, () => guard.HandleAsync(guardEvent, budget)).ConfigureAwait(false);
                }
            }
            else
            {
                failures.Add(new BatchItemFailure(message.MessageId));
            }
        }

        foreach (var burst in refusals.GroupBy(r => Guard.KeyUseBurstOf(r.Refusal), StringComparer.Ordinal))
        {
            var batch = burst.ToList();
            if (budget.Work.IsCancellationRequested)
            {
                failures.AddRange(batch.Select(r => new BatchItemFailure(r.Message.MessageId)));
                continue;
            }

            await RunAsync([.. batch.Select(r => r.Message)], failures, () => guard.KeyUseFailuresAsync([.. batch.Select(r => r.Refusal)], budget))
                .ConfigureAwait(false);
        }

        return new BatchResponse(failures);
    }

    private GuardEvent? Read(SqsMessage message)
    {
        try
        {
            return EventReader.Read(message.Body);
        }
        catch (EventFormatException e)
        {
            logger.LogError("Message {MessageId} is neither a follow-up nor an event: {Reason}", message.MessageId, e.Message);
            return null;
        }
    }

    private async Task RunAsync(IReadOnlyList<SqsMessage> messages, List<BatchItemFailure> failures, Func<Task<GuardResult>> run)
    {
        try
        {
            var result = await run().ConfigureAwait(false);
            emit(result);
            logger.LogInformation(
                "Queue messages {MessageIds} ({Count}), event {EventId}: {Disposition}: {Reason}",
                string.Join(", ", messages.Take(3).Select(m => m.MessageId)) + (messages.Count > 3 ? ", ..." : string.Empty),
                messages.Count,
                result.Event.EventId,
                result.Disposition.ToString(),
                result.Reason);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Queue messages {MessageIds} ({Count}) failed and go back to the queue: {Reason}",
                string.Join(", ", messages.Take(3).Select(m => m.MessageId)), messages.Count, e.Message);
            failures.AddRange(messages.Select(m => new BatchItemFailure(m.MessageId)));
        }
    }
}
