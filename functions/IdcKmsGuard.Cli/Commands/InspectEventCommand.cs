using System.CommandLine;
using System.Text.Json;
using IdcKmsGuard.Core.Events;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>`inspect-event FILE [--json]`: how the guard reads an event, without calling AWS.</summary>
internal sealed class InspectEventCommand : ICliCommand<InspectEventSettings>
{
    public static Command Create()
    {
        var options = new InspectEventOptions();
        return CommandBinding.Wire(options.Definition(), options.Bind, new InspectEventCommand());
    }

    public int Execute(InspectEventSettings settings, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(settings);
        GuardEvent guardEvent;
        try
        {
            guardEvent = EventReader.Read(InputFile.ReadAllBytes(settings.Path));
        }
        catch (Exception e) when (e is EventFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {settings.Path}: {EventReaderMessage(e)}");
            return ExitCodes.BadInput;
        }

        if (settings.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(InspectedEvent.From(guardEvent), CliJson.Context.InspectedEvent));
        }
        else
        {
            WriteText(output, guardEvent);
        }

        return ExitCodes.Ok;
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
        if (e.EncryptionContext is { Count: > 0 })
        {
            output.WriteLine($"context     {e.EncryptionContextText}");
        }

        if (e.Trigger == Trigger.Unsupported)
        {
            output.WriteLine("The guard does not act on this event.");
        }
    }
}
