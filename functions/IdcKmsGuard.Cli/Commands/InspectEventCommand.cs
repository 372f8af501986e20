using System.CommandLine;
using System.Text.Json;
using IdcKmsGuard.Core.Events;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>`inspect-event FILE [--json]`: how the guard reads an event, without calling AWS.</summary>
internal static class InspectEventCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "An EventBridge event or CloudTrail record (JSON); '-' reads standard input." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("inspect-event", "Show how the guard reads an event: trigger, key references, actor.") { file, json };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(file)!;
            GuardEvent guardEvent;
            try
            {
                guardEvent = EventReader.Read(InputFile.ReadAllBytes(path));
            }
            catch (Exception e) when (e is EventFormatException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: {path}: {EventReaderMessage(e)}");
                return ExitCodes.UnreadableInput;
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(InspectedEvent.From(guardEvent), CliJson.Context.InspectedEvent));
            }
            else
            {
                WriteText(output, guardEvent);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string EventReaderMessage(Exception e) => e.Message.ReplaceLineEndings(" ");

    private static void WriteText(TextWriter output, GuardEvent e)
    {
        output.WriteLine($"trigger     {e.Trigger}");
        output.WriteLine($"event       {e.EventName} ({e.EventSource}){(e.Succeeded ? string.Empty : $", failed: {e.ErrorCode}")}");
        output.WriteLine($"key refs    {(e.KeyRefs.Count == 0 ? "(none)" : string.Join(", ", e.KeyRefs))}");
        output.WriteLine($"actor       {e.Actor.Describe()}");
        output.WriteLine($"where       account {e.Account ?? "?"}, region {e.Region ?? "?"}");
        output.WriteLine($"event id    {e.EventId ?? "(none)"}");
        output.WriteLine($"time        {e.EventTime?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}");
        if (e.Trigger == Trigger.Unsupported)
        {
            output.WriteLine("The guard does not act on this event.");
        }
    }
}
