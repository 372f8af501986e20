namespace IdcKmsGuard.Core.IdentityCenter;

/// <summary>EncryptionStatus as SSO Admin spells it (ENABLED, UPDATING, UPDATE_FAILED), both ways.</summary>
public static class EncryptionStatusNames
{
    public static string Of(EncryptionStatus status) => status switch
    {
        EncryptionStatus.Enabled => "ENABLED",
        EncryptionStatus.Updating => "UPDATING",
        EncryptionStatus.UpdateFailed => "UPDATE_FAILED",
        _ => "UNKNOWN",
    };

    public static EncryptionStatus Parse(string? name) => name switch
    {
        "ENABLED" => EncryptionStatus.Enabled,
        "UPDATING" => EncryptionStatus.Updating,
        "UPDATE_FAILED" => EncryptionStatus.UpdateFailed,
        _ => EncryptionStatus.Unknown,
    };
}
