namespace IdcKmsGuard.Cli.Replay;

internal static class ReplayText
{
    public static void Write(TextWriter output, ReplayEntry entry)
    {
        output.WriteLine($"{entry.File}");
        if (entry.Error is not null)
        {
            output.WriteLine($"  error:   {entry.Error}");
            return;
        }

        output.WriteLine($"  event:   {entry.Trigger}, id {entry.EventId ?? "(none)"}: {entry.Disposition} - {entry.Reason}");
        if (entry.Rules.Count > 0)
        {
            var rules = entry.Rules.Select(r => r.Status == "violated" ? $"{r.Id} violated -> {r.Outcome}" : $"{r.Id} {r.Status}");
            output.WriteLine($"  rules:   {string.Join("; ", rules)}");
        }

        foreach (var action in entry.Actions)
        {
            output.WriteLine($"  action:  {action.Action} {action.Status} - {action.Detail}");
        }

        if (entry.Alert is { } alert)
        {
            output.WriteLine($"  alert:   {alert.Subject} ({(alert.Published ? $"published as {alert.MessageId}" : "not published: shown here")})");
        }

        output.WriteLine();
    }
}
