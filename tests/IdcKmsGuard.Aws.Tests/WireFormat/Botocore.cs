using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IdcKmsGuard.Aws.Tests.WireFormat;

/// <summary>Runs botocore_serialize.py: botocore (python3, on every machine of this project) as the reference serializer.</summary>
internal static class Botocore
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "WireFormat", "botocore_serialize.py");

    /// <param name="parameters">The input as boto3 takes it; its member order is the order botocore serializes in.</param>
    public static async Task<BotocoreRequest> SerializeAsync(string service, string operation, JsonObject parameters)
    {
        var input = new JsonObject { ["service"] = service, ["operation"] = operation, ["params"] = parameters }.ToJsonString();
        var start = new ProcessStartInfo("python3", [Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Environment = { ["PYTHONIOENCODING"] = "utf-8" },
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("The wire-format tests need python3 with botocore (pip install botocore).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"botocore_serialize.py failed ({process.ExitCode}) for {service} {operation}: {await error}");
            }

            using var result = JsonDocument.Parse(await output);
            var root = result.RootElement;
            var headers = root.GetProperty("headers");
            return new BotocoreRequest(
                root.GetProperty("botocore").GetString()!,
                root.GetProperty("method").GetString()!,
                root.GetProperty("path").GetString()!,
                headers.GetProperty("X-Amz-Target").GetString(),
                headers.GetProperty("Content-Type").GetString(),
                Convert.FromBase64String(root.GetProperty("body").GetString()!));
        }
    }
}
