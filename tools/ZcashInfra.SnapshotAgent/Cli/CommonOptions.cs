using System.CommandLine;
using System.CommandLine.Parsing;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Restore;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary>Options several commands share, created fresh per command.</summary>
internal sealed class NodeOptions
{
    public NodeOptions(bool required)
    {
        Network = new Option<string>("--network") { Description = "Network: mainnet, testnet or regtest.", Required = required };
        Network.Validators.Add(r => Validate(r, () => Networks.Normalize(r.GetValueOrDefault<string>() ?? "")));
        Implementation = new Option<string>("--implementation") { Description = "Node implementation: zebrad or zcashd.", Required = required };
        Implementation.AcceptOnlyFromAmong("zebrad", "zcashd");
        DbMajor = new Option<int?>("--db-major") { Description = "Database major version of the node (zebrad 6.x: 28).", Required = required };
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
        return new NodeRequirements(Networks.Normalize(network), kind, major.Value, flags);
    }

    private static void Validate(OptionResult result, Action check)
    {
        try
        {
            check();
        }
        catch (ArgumentException e)
        {
            result.AddError(e.Message);
        }
    }
}

/// <summary>Retry, stall and progress options of the commands that download.</summary>
internal sealed class TransferOptions
{
    public Option<int> Retries { get; } = new("--retries") { Description = "Failed attempts in a row (without progress) before a download gives up.", DefaultValueFactory = _ => RetryPolicy.Default.MaxAttempts };

    public Option<double> StallTimeoutSeconds { get; } = new("--stall-timeout-seconds") { Description = "A server that sends nothing for this long counts as a failed attempt.", DefaultValueFactory = _ => RetryPolicy.Default.StallTimeout.TotalSeconds };

    public Option<double> RetryDelaySeconds { get; } = new("--retry-delay-seconds") { Description = "Wait before the first retry; doubles per retry, at most 30 s.", DefaultValueFactory = _ => RetryPolicy.Default.InitialBackoff.TotalSeconds };

    public void AddTo(Command command)
    {
        command.Options.Add(Retries);
        command.Options.Add(StallTimeoutSeconds);
        command.Options.Add(RetryDelaySeconds);
    }

    public RetryPolicy Read(ParseResult result) => new(
        Math.Max(1, result.GetValue(Retries)),
        TimeSpan.FromSeconds(result.GetValue(StallTimeoutSeconds)),
        TimeSpan.FromSeconds(result.GetValue(RetryDelaySeconds)));
}

/// <summary>Small option factories.</summary>
internal static class CommonOptions
{
    public static Option<double> ProgressInterval() => new("--progress-interval-seconds")
    {
        Description = "Seconds between progress lines (bytes, percent, throughput, ETA).",
        DefaultValueFactory = _ => 30,
    };

    public static Option<string?> Sha256(string description)
    {
        var option = new Option<string?>("--sha256") { Description = description };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } value && !Sha256Text.IsDigest(value))
            {
                r.AddError("--sha256 must be 64 hex digits");
            }
        });
        return option;
    }

    public static Option<Uri?> Url(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file")
            {
                return uri;
            }

            r.AddError($"{name} must be an absolute http(s):// or file:// URL, not '{text}'");
            return null;
        },
    };
}
