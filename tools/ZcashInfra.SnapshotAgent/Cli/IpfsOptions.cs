using System.CommandLine;
using ZcashInfra.SnapshotAgent.Ipfs;
using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary><c>--ipfs-gateway</c> of the commands that read: the gateways ipfs:// URLs go through, in order.</summary>
internal sealed class IpfsOptions
{
    public Option<Uri[]> Gateways { get; } = new("--ipfs-gateway")
    {
        Description = "HTTP(S) gateway that ipfs:// URLs are read through, path style (<gateway>/ipfs/<cid>[/<path>]); repeat it: tried in order, the next one takes over (resuming at the same byte) when one fails or stalls. The pinned SHA-256 authenticates what any gateway serves.",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = r =>
        {
            var urls = new List<Uri>();
            foreach (var token in r.Tokens)
            {
                if (Uri.TryCreate(token.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo))
                {
                    urls.Add(uri);
                }
                else
                {
                    r.AddError($"--ipfs-gateway must be an absolute http(s):// URL without query or credentials, not '{token.Value}'");
                }
            }

            return [.. urls];
        },
    };

    public void AddTo(Command command) => command.Options.Add(Gateways);

    public IpfsGateways Read(ParseResult result, AgentLog log) => new(result.GetValue(Gateways) ?? [], log);

    /// <summary>
    /// Adds "an ipfs:// URL needs --ipfs-gateway" to <paramref name="command"/>, for the URL options
    /// given; index entries that point at ipfs:// are checked when they are opened.
    /// </summary>
    public void RequireFor(Command command, params Option[] urls) =>
        command.Validators.Add(r =>
        {
            var anyIpfs = urls.Any(o => r.GetResult(o)?.Tokens.Any(t => t.Value.StartsWith(IpfsUrl.Scheme + "://", StringComparison.Ordinal)) == true);
            if (anyIpfs && r.GetResult(Gateways) is null)
            {
                r.AddError("an ipfs:// URL needs at least one --ipfs-gateway URL to be read through");
            }
        });
}
