namespace ZcashInfra.Components.Validation;

/// <summary>One problem found in a rendered graph.</summary>
/// <param name="Check">What found it: <c>schema</c>, <c>provider-index</c> or a policy id.</param>
/// <param name="ResourcePath">The graph path of the offending node.</param>
/// <param name="Message">What is wrong, with the property path where there is one.</param>
public sealed record Finding(string Check, string ResourcePath, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"[{Check}] {ResourcePath}: {Message}";
}
