namespace IdcKmsGuard.Core.Tests.Policy.Parsing.Fuzzing;

/// <param name="Failure">Null when the parser behaved: it returned a sound policy or threw PolicyParseException.</param>
internal sealed record ParseProbeResult(bool Accepted, string? Location, string? Failure);
