namespace IdcKmsGuard.Core.Configuration;

/// <summary>Why the configuration in effect is not the one in the source.</summary>
/// <param name="Id">Stable while the fault is the same one: the origin with the refused document's version and
/// content hash, or with the AWS error code. Alert GUARD-CONFIG once per new id.</param>
/// <param name="Message">One line for the alert: "ssm:/idckmsguard/config (version 7): rules.KEY-ROTATION: ...".</param>
public sealed record ConfigurationFault(ConfigurationFaultKind Kind, string Id, string Message);
