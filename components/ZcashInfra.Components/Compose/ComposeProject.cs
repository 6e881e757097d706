using System.Text;
using System.Text.Json.Nodes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Compose;

/// <summary>
/// A stack's node sets as one Compose file for a laptop, from the same arguments the cluster
/// render takes: per set a node service (one replica) with the same config file, the snapshot
/// restore as a one-shot service it waits for, a named volume, ports on 127.0.0.1, a healthcheck
/// from the probes, and peers found through service names. Secrets are never written: Compose
/// reads them from the environment of whoever runs it.
/// </summary>
public static class ComposeProject
{
    /// <summary>The Compose document as JSON (what the schema checks).</summary>
    public static JsonObject Render(ComposeArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        RefuseMainnet(args);
        var sets = args.NodeSets.Select(s => s with { Args = s.Args with { Replicas = 1, Partition = 0 } }).ToList();
        var addresses = new ComposeAddresses(sets);
        var ports = new ComposePorts();
        var document = new ComposeDocument(args.Project);
        foreach (var (name, setArgs) in sets)
        {
            ComposeNodeSetServices.Add(document, new NodeSetPlan(name, setArgs), addresses, ports);
        }

        return (JsonObject)ComposeInterpolation.Escape(document.ToJson())!;
    }

    /// <summary>The Compose file's text: a header saying where it came from and what it needs, then the YAML.</summary>
    public static string Text(ComposeArgs args, string source)
    {
        ArgumentNullException.ThrowIfNull(args);
        var document = Render(args);
        var text = new StringBuilder();
        text.Append("# Compose file for ").Append(source).Append(", rendered by zcash-infra from the stack settings (edit those, not this).\n");
        text.Append("# Start: docker compose -f compose.yaml up (docs/compose.md). Node sets only: no CI, snapshot job or cloud resources.\n");
        var variables = (document["secrets"] as JsonObject ?? []).Select(s => s.Value!["environment"]!.GetValue<string>()).ToList();
        if (variables.Count > 0)
        {
            text.Append("# Secrets are not in this file: set ").Append(string.Join(", ", variables))
                .Append(" in the environment or in a .env file beside it.\n");
        }

        return text.Append(ComposeYaml.Write(document)).ToString();
    }

    /// <summary>
    /// A mainnet node needs ~300 GB of state and hours to restore it (days to sync without a
    /// snapshot): not something to start on a laptop by accident.
    /// </summary>
    private static void RefuseMainnet(ComposeArgs args)
    {
        var mainnet = args.NodeSets.Where(s => s.Args.Release.Network == Network.Mainnet).Select(s => $"'{s.Name}'").ToList();
        if (mainnet.Count > 0 && !args.IncludeMainnet)
        {
            var size = NodeSizing.DefaultStorage(Network.Mainnet, NodeImplementation.Zebrad);
            throw new ComposeException(
                $"node set(s) {string.Join(", ", mainnet)} run on mainnet: each needs about 300 GB of disk (the cluster gives it {size}), " +
                "a download of about 270 GB when restored from a snapshot (hours), or days of syncing without one. " +
                "Pass --include-mainnet to render them anyway, or render a stack without mainnet sets.");
        }
    }
}
