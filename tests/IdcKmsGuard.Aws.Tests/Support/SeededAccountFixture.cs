using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Aws.Tests.Support;

/// <summary>One seeded account on the stand-in, shared by a class whose tests only read.</summary>
public sealed class SeededAccountFixture
{
    public SeededAccountFixture()
    {
        Account = TestAccount.Create();
        Seeded = Account.Seed();
    }

    public TestAccount Account { get; }

    public SeededAccount Seeded { get; }
}
