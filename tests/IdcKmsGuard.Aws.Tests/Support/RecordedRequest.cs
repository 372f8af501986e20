using System.Text;

namespace IdcKmsGuard.Aws.Tests.Support;

/// <summary>A request as <see cref="ScriptedAwsServer"/> received it on the wire.</summary>
internal sealed record RecordedRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <returns>The value of the header, or null when it was not sent.</returns>
    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
}
