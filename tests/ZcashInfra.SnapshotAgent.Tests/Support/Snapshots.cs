using ZcashInfra.SnapshotAgent.Create;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>Archives made by the agent's own create, for publish tests.</summary>
public static class Snapshots
{
    /// <summary>Creates <c>zebra-&lt;network&gt;-h&lt;height&gt;.tar.zst</c> (+ .sha256, .manifest.json) in <paramref name="dir"/>.</summary>
    public static string Create(TempDirectory dir, long height, string network = "mainnet", DateTimeOffset? createdAt = null, int files = 1, int fileSize = 10_000)
    {
        var source = StateTrees.Zebra(dir.Combine($"src-{network}-{height}"), network, files: files, fileSize: fileSize);
        var output = dir.Combine("archives", $"zebra-{network}-h{height}.tar.zst");
        var time = createdAt is { } at ? new FixedTime(at) : TimeProvider.System;
        new SnapshotCreator(AgentLog.Null, time).Run(new CreateRequest(source, new NodeRequirements(network, Implementation.Zebrad, 28, null), height, output, 3, "6.3.0", TimeSpan.FromMinutes(1)), CancellationToken.None);
        return output;
    }
}

/// <summary>A clock stopped at one instant.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
