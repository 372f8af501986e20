using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>An alert as a subscriber reads it from its JSON document: the rule it is about, the outcome, the findings.</summary>
internal sealed record SentAlert(string Rule, string Outcome, IReadOnlyList<(string Rule, bool Resolved)> Findings)
{
    /// <param name="json">The alert's JSON document, as SNS delivers it to machine subscribers.</param>
    public static SentAlert Read(string json)
    {
        var document = JsonNode.Parse(json)!;
        return new SentAlert(
            (string)document["rule"]!,
            (string)document["outcome"]!,
            [.. document["findings"]!.AsArray().Select(f => ((string)f!["rule"]!, (bool)f["resolved"]!))]);
    }

    public bool Has(string rule, bool resolved) => Findings.Any(f => f.Rule == rule && f.Resolved == resolved);

    public override string ToString() =>
        $"{Rule} {Outcome} [{string.Join(", ", Findings.Select(f => f.Resolved ? $"{f.Rule} resolved" : f.Rule))}]";
}

/// <summary>Whether what the guard did in one step is what the model says: the key, every piece of news, nothing else.</summary>
internal static class AlertsAgainstModel
{
    /// <returns>Null when they agree; otherwise what differs.</returns>
    public static string? Disagreement(Expectation expected, KeyFacts key, IReadOnlyList<SentAlert> sent)
    {
        if (key != expected.Key)
        {
            return $"the key is {key}, the model says {expected.Key}";
        }

        foreach (var news in expected.News)
        {
            var heard = news.Kind switch
            {
                NewsKind.Open => sent.Any(a => a.Has(news.RuleId, resolved: false) && (a.Rule != news.RuleId || a.Outcome == AlertRenderer.Name(news.Outcome))),
                NewsKind.Announced => sent.Any(a => a.Rule == news.RuleId),
                _ => sent.Any(a => a.Has(news.RuleId, resolved: true)),
            };
            if (!heard)
            {
                return $"nobody heard {news}";
            }
        }

        var explained = expected.News.Select(n => n.RuleId).Concat(expected.MayRepeat).ToHashSet(StringComparer.Ordinal);
        var unexplained = sent.FirstOrDefault(a => !explained.Contains(a.Rule));
        return unexplained is null ? null : $"an alert the model does not explain: {unexplained}";
    }
}
