using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.IdentityCenter;

/// <param name="InUse">The key ARN Identity Center names in its encryption configuration.</param>
/// <param name="Target">The key the event concerns: <see cref="InUse"/>, or its replica in the event's Region.</param>
public sealed record ProtectedKey(IdentityCenterInstance Instance, KeyArn InUse, KeyArn Target);
