using IdcKmsGuard.Core.State;
namespace IdcKmsGuard.Core.Delivery;

/// <summary>One change the guard is about to make, as the journal records it.</summary>
/// <param name="Action">The API operation (names the evidence that tells whether it took effect).</param>
/// <param name="Target">The key or instance ARN.</param>
/// <param name="Expected">What a re-read must find when the state alone does not say it (see <see cref="JournaledChange"/>).</param>
/// <param name="Done">The step's text when AWS accepted it.</param>
/// <param name="SendAsync">The call itself.</param>
internal sealed record PlannedChange(string Action, string Target, string? Expected, string Done, Func<CancellationToken, Task> SendAsync);

/// <summary>Where in a review a change is made: the scope, and what the review knows of it so far.</summary>
/// <param name="StateBefore">The state the review first found (KeyState), reported as "before".</param>
/// <param name="Findings">The violations the change is meant to fix, and any found beside them.</param>
internal sealed record ChangeContext(string Scope, string? StateBefore, IReadOnlyList<Alerts.Finding> Findings);
