using IdcKmsGuard.Core.Tests.Policy.Parsing;
using IdcKmsGuard.Fuzz;

// dotnet run --project tests/IdcKmsGuard.Fuzz -c Release -- --minutes 3 --seed 42
// Exit codes: 0 clean, 1 an exception other than PolicyParseException (or a broken invariant), 2 an input ran past
// the hang limit, 64 bad arguments.
var options = FuzzOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(FuzzOptions.Usage);
    return 64;
}

var seeds = ReferencePolicies.KeyPolicyFiles.Concat(ReferencePolicies.IamPolicyFiles).Select(ReferencePolicies.Read).ToList();
return new FuzzSession(options, seeds, new FuzzReport(options.Out, Console.Out)).Run();
