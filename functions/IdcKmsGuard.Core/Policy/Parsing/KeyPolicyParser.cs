using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Parsing;

/// <summary>Reads a KMS key policy into the model, or says precisely what is wrong with it.</summary>
public static class KeyPolicyParser
{
    public static KeyPolicy Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        throw new NotImplementedException("Being written.");
    }
}
