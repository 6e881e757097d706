using System.Text.Json.Nodes;

namespace ZcashInfra.Components.Compose;

/// <summary>
/// Which host ports a Compose file publishes. Every port a node container declares is published on
/// 127.0.0.1 only (the cluster reaches them only from inside the cluster; here only the laptop
/// does), at the same number when no earlier service took it, otherwise at a port Docker picks
/// (<c>docker compose port SERVICE PORT</c> shows it). Services reach each other on the Compose
/// network at the container ports, whatever is published.
/// Keys: compose-spec/compose-spec <c>05-services.md</c> (ports, long syntax).
/// </summary>
internal sealed class ComposePorts
{
    /// <summary>The only host address ports are published on.</summary>
    public const string HostIp = "127.0.0.1";

    private readonly HashSet<int> _taken = [];

    /// <summary>The <c>ports</c> entry for one named container port.</summary>
    public JsonObject Publish(string name, int port)
    {
        var entry = new JsonObject
        {
            ["name"] = name,
            ["target"] = port,
            ["host_ip"] = HostIp,
        };
        if (_taken.Add(port))
        {
            entry["published"] = port;
        }

        entry["protocol"] = "tcp";
        return entry;
    }
}
