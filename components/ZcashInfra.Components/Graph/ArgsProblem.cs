namespace ZcashInfra.Components.Graph;

/// <summary>One thing wrong with a component's arguments (a <see cref="Zcash.NodeRelease"/>, a node set's).</summary>
/// <param name="Key">
/// The key it is about, relative to where the fields are written (<c>version</c>, <c>replicas</c>,
/// <c>zcashd.compatWith</c>): the stack settings prefix their key path
/// (<c>zcash-infra:nodeSets[0].version</c>), the components print it as it is.
/// </param>
/// <param name="Message">What is wrong and, where it helps, what to do instead.</param>
public sealed record ArgsProblem(string Key, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Key}: {Message}";
}
