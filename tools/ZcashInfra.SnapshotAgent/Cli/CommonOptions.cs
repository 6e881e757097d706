using System.CommandLine;
using ZcashInfra.SnapshotAgent.Model;

namespace ZcashInfra.SnapshotAgent.Cli;

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
