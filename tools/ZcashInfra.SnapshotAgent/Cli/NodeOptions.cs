using System.CommandLine;
using System.CommandLine.Parsing;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Restore;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary>The node options (network, implementation, db major, zcashd flags), created fresh per command.</summary>
internal sealed class NodeOptions
{
    public NodeOptions(bool required)
    {
        Network = new Option<string>("--network") { Description = "Network: mainnet, testnet or regtest.", Required = required };
        Network.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>() ?? "";
            if (!Networks.Known.Contains(value.Trim().ToLowerInvariant()))
            {
                r.AddError($"invalid network '{value}': must be one of {string.Join(", ", Networks.Known)}");
            }
        });
        Implementation = new Option<string>("--implementation") { Description = "Node implementation: zebrad or zcashd.", Required = required };
        Implementation.AcceptOnlyFromAmong("zebrad", "zcashd");
        DbMajor = OptionRules.AtLeast(new Option<int?>("--db-major") { Description = "Database major version of the node (zebrad 6.x: 28).", Required = required }, 0);
        TxIndex = new Option<bool>("--txindex") { Description = "zcashd runs with -txindex." };
        InsightExplorer = new Option<bool>("--insightexplorer") { Description = "zcashd runs with -insightexplorer." };
        LightWalletd = new Option<bool>("--lightwalletd") { Description = "zcashd runs with -lightwalletd." };
    }

    public Option<string> Network { get; }

    public Option<string> Implementation { get; }

    public Option<int?> DbMajor { get; }

    public Option<bool> TxIndex { get; }

    public Option<bool> InsightExplorer { get; }

    public Option<bool> LightWalletd { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Network);
        command.Options.Add(Implementation);
        command.Options.Add(DbMajor);
        command.Options.Add(TxIndex);
        command.Options.Add(InsightExplorer);
        command.Options.Add(LightWalletd);
    }

    /// <summary>The node described by the options; null when none of network/implementation/db-major was given (verify).</summary>
    public NodeRequirements? Read(ParseResult result)
    {
        var network = result.GetValue(Network);
        var implementation = result.GetValue(Implementation);
        var major = result.GetValue(DbMajor);
        if (network is null && implementation is null && major is null)
        {
            return null;
        }

        if (network is null || implementation is null || major is null)
        {
            throw new ArgumentException("--network, --implementation and --db-major go together");
        }

        var kind = SnapshotCompatibility.ParseImplementation(implementation)!.Value;
        var flags = kind == Model.Implementation.Zcashd
            ? new ZcashdFlags(result.GetValue(TxIndex), result.GetValue(InsightExplorer), result.GetValue(LightWalletd))
            : null;
        return new NodeRequirements(Networks.ParseKnown(network), kind, major.Value, flags);
    }
}
