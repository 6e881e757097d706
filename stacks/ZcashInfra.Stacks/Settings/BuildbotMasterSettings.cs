namespace ZcashInfra.Stacks.Settings;

/// <summary><c>zcash-infra:ciWorkers.master</c> — the Buildbot master the workers connect to.</summary>
public sealed record BuildbotMasterSettings
{
    /// <summary>Host name (a Service name such as buildbot-master.ci, or an external host). Required when ciWorkers is enabled.</summary>
    public string? Host { get; init; }

    /// <summary>The master's worker port. Default 9989.</summary>
    public int Port { get; init; } = 9989;

    internal void Validate(SettingsPath path, bool enabled, SettingsErrors errors)
    {
        if (Host is null)
        {
            errors.Require(!enabled, path["host"], "is required when ciWorkers is enabled");
        }
        else
        {
            errors.Require(Uri.CheckHostName(Host) != UriHostNameType.Unknown, path["host"], $"must be a host name or address, got '{Host}'");
        }

        errors.Require(Port is >= 1 and <= 65535, path["port"], $"must be a port number (1–65535), got {Port}");
    }
}
