namespace IdcKmsGuard.Core.Policy.Conditions;

/// <summary>Small text pieces shared by the condition explanations.</summary>
internal static class Explain
{
    public static string Quote(string value) => $"'{value}'";

    public static string List(IReadOnlyList<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";

    /// <summary>"aws:SourceAccount is '111122223333'" or "kms:EncryptionContextKeys is ['a', 'b']".</summary>
    public static string Subject(string key, IReadOnlyList<string> values) =>
        values.Count == 1 ? $"{key} is {Quote(values[0])}" : $"{key} is {List(values)}";

    /// <summary>Why a request value could not be compared, or nothing: " ('soon' is not a date)".</summary>
    public static string Unreadable(string value, string? problem) =>
        problem is null ? string.Empty : $" ({Quote(value)} is {problem})";

    /// <summary>For a set operator: "is absent", "has no values" or "has only an empty value".</summary>
    public static string Absence(IReadOnlyList<string>? values) => values switch
    {
        null => "is absent",
        { Count: 0 } => "has no values",
        _ => "has only an empty value",
    };
}
