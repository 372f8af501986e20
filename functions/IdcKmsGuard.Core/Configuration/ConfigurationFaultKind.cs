namespace IdcKmsGuard.Core.Configuration;

public enum ConfigurationFaultKind
{
    /// <summary>The document was read and refused by the parser.</summary>
    Invalid,

    /// <summary>The source could not be read (an AWS error, an unreadable file).</summary>
    Unreadable,

    /// <summary>The deployment names a source that does not exist (the parameter was deleted).</summary>
    Missing,
}
