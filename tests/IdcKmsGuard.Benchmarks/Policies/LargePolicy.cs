using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Policy.Parsing;

namespace IdcKmsGuard.Benchmarks.Policies;

/// <summary>
/// A policy at KMS's size limit: the baseline, then <see cref="ExtraStatements"/> while the next one fits, then an
/// audit-readers statement whose role list and role names take up exactly the bytes that are left.
/// </summary>
internal static class LargePolicy
{
    private const int MinimumReaders = 2;

    public static string Build(string baseline, bool indented, int maxBytes = KmsPolicyLimits.MaxBytes)
    {
        var document = JsonNode.Parse(baseline)!.AsObject();
        var statements = document["Statement"]!.AsArray();
        var fixedCount = statements.Count;
        int Size() => PolicyText.ByteCount(document, indented);

        for (var n = 0; ; n++)
        {
            statements.Add(ExtraStatements.Create(n));
            if (Size() > maxBytes)
            {
                statements.RemoveAt(statements.Count - 1);
                break;
            }
        }

        // Make room for the readers statement by giving up extra statements from the end.
        statements.Add(AuditReaders.Create(MinimumReaders, 0));
        while (Size() > maxBytes && statements.Count > fixedCount + 1)
        {
            statements.RemoveAt(statements.Count - 2);
        }

        var readers = MinimumReaders;
        while (true)
        {
            statements[^1] = AuditReaders.Create(readers + 1, 0);
            if (Size() > maxBytes)
            {
                break;
            }

            readers++;
        }

        // What is left is less than one more role; longer role names take it up.
        statements[^1] = AuditReaders.Create(readers, 0);
        statements[^1] = AuditReaders.Create(readers, maxBytes - Size());
        var text = PolicyText.Write(document, indented);
        return System.Text.Encoding.UTF8.GetByteCount(text) == maxBytes
            ? text
            : throw new InvalidOperationException($"The generated policy is {System.Text.Encoding.UTF8.GetByteCount(text)} bytes, not {maxBytes}.");
    }
}
