namespace ZcashInfra.Components.SnapshotAgent;

/// <summary>The snapshot agent's container image (built from tools/ZcashInfra.SnapshotAgent/Dockerfile).</summary>
public static class SnapshotAgentImage
{
    /// <summary>The image the project publishes; a stack may point at its own registry instead.</summary>
    public const string Default = "ghcr.io/zcash-infra/snapshot-agent:0.1.0";

    /// <summary>
    /// The image's entrypoint (tools/ZcashInfra.SnapshotAgent/Dockerfile): what a shell step in
    /// the agent's image runs to call the agent.
    /// </summary>
    public static IReadOnlyList<string> Entrypoint { get; } = ["dotnet", "/app/zcash-snapshot-agent.dll"];

    /// <summary>True when the reference names an immutable version: a digest, or a tag other than latest.</summary>
    public static bool IsPinned(string image)
    {
        if (image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return true;
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        return colon > 0 && image[(colon + 1)..] is { Length: > 0 } tag && tag != "latest";
    }

    /// <summary>The reference without its tag or digest (<c>ghcr.io/zcash-infra/snapshot-agent</c>): where new versions are pushed.</summary>
    public static string Repository(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return image[..at];
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        return colon > 0 ? image[..colon] : image;
    }
}
