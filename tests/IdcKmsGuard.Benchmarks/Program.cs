using BenchmarkDotNet.Running;
using IdcKmsGuard.Benchmarks;
using IdcKmsGuard.Benchmarks.Policies;
using IdcKmsGuard.Core.Policy.Parsing;

// Always in Release:   dotnet run -c Release --project tests/IdcKmsGuard.Benchmarks -- --filter '*'
// A short smoke run:   add --quick (one launch, 3 warm-ups, 3 iterations), the same as BenchmarkDotNet's --job short.
// One benchmark:       --filter '*CheckFullRequestSet_32KbPolicy*'
// The inputs:          --describe prints the generated policies' sizes and statement counts, --print-policy the 32 KB
//                      policy itself (e.g. for `idckmsguard check-policy --policy -`); both exit without benchmarking.
// The summary is printed at the end; markdown, CSV and HTML reports go to BenchmarkDotNet.Artifacts/results.
if (args.Contains("--describe"))
{
    var policies = BenchmarkPolicies.Load();
    foreach (var (name, text) in new[] { ("baseline 2026", policies.Baseline), ("32 KB", policies.Large), ("32 KB compact", policies.LargeCompact), ("broken baseline", policies.BrokenBaseline) })
    {
        Console.WriteLine($"{name,-16} {System.Text.Encoding.UTF8.GetByteCount(text),6:N0} bytes  {KeyPolicyParser.Parse(text).Statements.Count,3} statements");
    }

    return 0;
}

if (args.Contains("--print-policy"))
{
    Console.Write(BenchmarkPolicies.Load().Large); // no newline: a trailing one would take the policy past the limit
    return 0;
}

var quick = args.Contains("--quick");
var summaries = BenchmarkSwitcher.FromAssembly(typeof(PolicyBenchmarks).Assembly)
    .Run([.. args.Where(a => a != "--quick")], BenchmarkConfig.Create(quick));
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
