namespace IdcKmsGuard.Core.Tests.Policy.Parsing.Fuzzing;

/// <summary>Text-level damage: characters flipped, ranges cut or repeated, JSON fragments dropped in.</summary>
internal sealed partial class PolicyInputGenerator
{
    private string DamageText(string text)
    {
        var count = random.Next(1, 9);
        for (var i = 0; i < count; i++)
        {
            var at = random.Next(text.Length + 1);
            var length = random.Next(Math.Min(32, text.Length - at) + 1);
            text = random.Next(6) switch
            {
                0 when at < text.Length => string.Concat(text.AsSpan(0, at), RandomChar().ToString(), text.AsSpan(at + 1)),
                1 => text.Remove(at, length),
                2 => text.Insert(at, Pick(FuzzVocabulary.Tokens)),
                3 => text.Insert(at, text.Substring(at, length)),
                4 => text[..at],
                _ => text.Insert(at, RandomChar().ToString()),
            };
        }

        return text;
    }
}
