namespace IdcKmsGuard.Core.Policy.Model;

/// <summary>A parsed key policy. <see cref="Text"/> is the document as given, so repairs keep statements verbatim.</summary>
public sealed record KeyPolicy(string? Version, string? Id, IReadOnlyList<PolicyStatement> Statements, string Text)
{
    public int SizeInBytes => System.Text.Encoding.UTF8.GetByteCount(Text);
}
