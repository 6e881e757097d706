using System.CommandLine;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Ipfs;
using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary>publish's options for an IPFS target: the node's RPC credentials and an optional remote pinning provider. Secrets come from files or the environment, never from the command line.</summary>
internal sealed class IpfsPublishOptions
{
    /// <summary>Environment variable holding the pinning service's access token when no --pin-token-file is given.</summary>
    public const string PinTokenVariable = "IPFS_PINNING_TOKEN";

    /// <summary>Environment variable holding the Kubo RPC Authorization header value when no --ipfs-api-auth-file is given.</summary>
    public const string ApiAuthVariable = "IPFS_API_AUTHORIZATION";

    private readonly Option<string> _apiAuthFile = OptionRules.Path(new Option<string>("--ipfs-api-auth-file") { Description = $"File holding the whole Authorization header value the Kubo RPC API expects (\"Bearer …\" or \"Basic …\", Kubo's API.Authorizations); default: ${ApiAuthVariable}, else none. Never logged." });

    private readonly Option<Uri?> _pinService = CommonOptions.Url("--pin-service", "Also pin the archive and manifest at this IPFS Pinning Service API endpoint (e.g. https://provider.example/psa); the token comes from --pin-token-file or $" + PinTokenVariable + ".");

    private readonly Option<string> _pinTokenFile = OptionRules.Path(new Option<string>("--pin-token-file") { Description = $"File holding the pinning service's access token (sent as Authorization: Bearer); default: ${PinTokenVariable}. Never logged." });

    private readonly Option<double> _pinTimeout = OptionRules.Seconds(new Option<double>("--pin-timeout-seconds") { Description = "How long to wait for the pinning service to report a pin as pinned.", DefaultValueFactory = _ => 3600 }, zeroAllowed: false);

    private readonly Option<double> _pinPoll = OptionRules.Seconds(new Option<double>("--pin-poll-seconds") { Description = "Seconds between status polls of the pinning service.", DefaultValueFactory = _ => 10 }, zeroAllowed: false);

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _apiAuthFile, _pinService, _pinTokenFile, _pinTimeout, _pinPoll })
        {
            command.Options.Add(option);
        }
    }

    public bool AnyGiven(System.CommandLine.Parsing.CommandResult r) =>
        new Option[] { _apiAuthFile, _pinService, _pinTokenFile }.Any(o => r.GetResult(o) is not null);

    public IpfsPublish Read(ParseResult result, HttpClient http, Uri api, AgentLog log)
    {
        var auth = Secret(result.GetValue(_apiAuthFile), ApiAuthVariable, "--ipfs-api-auth-file");
        var kubo = new KuboRpcClient(http, api, auth);
        PinningServiceClient? pinning = null;
        if (result.GetValue(_pinService) is { } service)
        {
            var token = Secret(result.GetValue(_pinTokenFile), PinTokenVariable, "--pin-token-file")
                ?? throw new AgentException(ExitCodes.Usage, $"--pin-service needs an access token: --pin-token-file or ${PinTokenVariable}");
            pinning = new PinningServiceClient(http, service, token, log, TimeSpan.FromSeconds(result.GetValue(_pinPoll)), TimeSpan.FromSeconds(result.GetValue(_pinTimeout)));
        }

        return new IpfsPublish(kubo, pinning);
    }

    /// <summary>The trimmed secret from <paramref name="file"/>, else from <paramref name="variable"/>, else null. Errors name the file, never the content.</summary>
    private static string? Secret(string? file, string variable, string option)
    {
        if (file is not null)
        {
            string text;
            try
            {
                text = File.ReadAllText(file).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new AgentException(ExitCodes.Usage, $"{option} {file} cannot be read: {e.Message}");
            }

            return text.Length > 0 ? text : throw new AgentException(ExitCodes.Usage, $"{option} {file} is empty");
        }

        return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value.Trim() : null;
    }
}
