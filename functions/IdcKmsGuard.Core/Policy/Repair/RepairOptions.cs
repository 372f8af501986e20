namespace IdcKmsGuard.Core.Policy.Repair;

/// <param name="NarrowBlockingDenies">Allowed to change a Deny that blocks Identity Center, by exempting the two
/// service principals from it. Off by default: a Deny is someone's deliberate decision.</param>
public sealed record RepairOptions(bool NarrowBlockingDenies = false);
