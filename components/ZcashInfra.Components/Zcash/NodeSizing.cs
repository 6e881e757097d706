namespace ZcashInfra.Components.Zcash;

/// <summary>CPU and memory of one node container, as Kubernetes quantities.</summary>
/// <param name="Cpu">CPU request.</param>
/// <param name="Memory">Memory request, also the memory limit unless one is given.</param>
/// <param name="CpuLimit">CPU limit, or null for none (a CPU limit throttles catch-up; the request already reserves the cores).</param>
/// <param name="MemoryLimit">Memory limit, or null for the request.</param>
public sealed record NodeResources(string Cpu, string Memory, string? CpuLimit = null, string? MemoryLimit = null);

/// <summary>
/// How big a node of each network and implementation is, and how long it takes to start and stop:
/// the defaults node sets use and the minimums settings are checked against. Sources: the Zebra
/// book (state sizes in <c>user/requirements.md</c>; the compat sidecar's 4 CPU / 16 GiB / 275 GiB
/// in <c>user/zcashd-compat.md</c>) and zebrad's SIGTERM flush (inferred from its shutdown handling); the rest
/// are this project's sizing, marked as such.
/// </summary>
public static class NodeSizing
{
    /// <summary>
    /// The smallest volume a node can work with: zebrad mainnet state is ~260–300 GB, zcashd's
    /// mainnet data dir ≥ 275 GiB, testnet 30 GiB; regtest starts empty.
    /// </summary>
    public static string MinimumStorage(Network network, NodeImplementation implementation) => (network, implementation) switch
    {
        (Network.Mainnet, NodeImplementation.Zebrad) => "300Gi",
        (Network.Mainnet, NodeImplementation.Zcashd) => "275Gi",
        (Network.Testnet, _) => "30Gi",
        _ => "1Gi",
    };

    /// <summary>
    /// The default volume: room to grow above the minimum (Zebra's own production nodes use 400 GB
    /// disks on mainnet).
    /// </summary>
    public static string DefaultStorage(Network network, NodeImplementation implementation) => (network, implementation) switch
    {
        (Network.Mainnet, NodeImplementation.Zebrad) => "400Gi",
        (Network.Mainnet, NodeImplementation.Zcashd) => "300Gi",
        (Network.Testnet, _) => "50Gi",
        _ => "10Gi",
    };

    /// <summary>
    /// Default CPU and memory. Mainnet uses the compat sidecar's published 4 CPU / 16 GiB for both
    /// implementations; testnet half of it and regtest a small slice (this project's sizing).
    /// </summary>
    public static NodeResources DefaultResources(Network network) => network switch
    {
        Network.Mainnet => new NodeResources("4", "16Gi"),
        Network.Testnet => new NodeResources("2", "8Gi"),
        _ => new NodeResources("500m", "2Gi"),
    };

    /// <summary>The snapshot agent's init container: one streaming restore (download, hash, zstd, tar).</summary>
    public static NodeResources RestoreResources { get; } = new("1", "512Mi", MemoryLimit: "1Gi");

    /// <summary>zcashd's config step: one shell, one file.</summary>
    public static NodeResources ConfigStepResources { get; } = new("50m", "32Mi");

    /// <summary>
    /// Time to flush state after SIGTERM: zebrad flushes RocksDB (60–120 s suffice, inferred from zebrad's shutdown handling);
    /// zcashd writes its coins cache and block index on shutdown, which takes longer on a large
    /// chain (this project's allowance).
    /// </summary>
    public static int TerminationGraceSeconds(NodeImplementation implementation) =>
        implementation == NodeImplementation.Zcashd ? 300 : 120;

    /// <summary>
    /// How long a node may take from container start until it answers its liveness check: opening
    /// a mainnet database (and any format upgrade) takes far longer than a testnet one. Catching up
    /// from the snapshot height is not part of this: that only holds back readiness, which never
    /// restarts a pod.
    /// </summary>
    public static TimeSpan StartupWindow(Network network) => network switch
    {
        Network.Mainnet => TimeSpan.FromMinutes(60),
        Network.Testnet => TimeSpan.FromMinutes(30),
        _ => TimeSpan.FromMinutes(5),
    };
}
