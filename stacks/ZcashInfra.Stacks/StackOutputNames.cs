namespace ZcashInfra.Stacks;

/// <summary>Names of stack outputs other programs read (the Automation API, CI): a contract, written once.</summary>
public static class StackOutputNames
{
    /// <summary>Object: node-set name → <c>host:port</c> of its in-cluster JSON-RPC Service (only sets with RPC on).</summary>
    public const string RpcEndpoints = "rpcEndpoints";

    /// <summary>Object: node-set name → DNS name of its headless Service (stable per-pod names below it).</summary>
    public const string NodeSetServices = "nodeSetServices";

    /// <summary>List: the snapshot job's CronJob names (<c>kubectl create job --from=cronjob/&lt;name&gt;</c> runs one by hand).</summary>
    public const string SnapshotJobs = "snapshotJobs";
}
