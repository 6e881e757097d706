using System.CommandLine;
using System.CommandLine.Parsing;
using ZcashInfra.SnapshotAgent.Ipfs;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Storage;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary>Small option factories.</summary>
internal static class CommonOptions
{
    public static Option<double> ProgressInterval() => OptionRules.Seconds(
        new Option<double>("--progress-interval-seconds")
        {
            Description = "Seconds between progress lines (bytes, percent, throughput, ETA).",
            DefaultValueFactory = _ => 30,
        },
        zeroAllowed: false);

    /// <summary><c>--height</c> of restore and verify: pick the index entry at exactly this block height.</summary>
    public static Option<long?> IndexHeight()
    {
        var option = new Option<long?>("--height") { Description = "Pick the index entry at exactly this block height (among those that fit the node) instead of the highest; fails, naming the nearest heights, if there is none. Needs --index." };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is < 0)
            {
                r.AddError("--height must be ≥ 0");
            }
        });
        return option;
    }

    /// <summary>Adds "--height needs --index" to <paramref name="command"/>.</summary>
    public static void RequireIndexForHeight(Command command, Option<Uri?> index, Option<long?> height) =>
        command.Validators.Add(r =>
        {
            if (r.GetResult(height) is not null && r.GetResult(index) is null)
            {
                r.AddError("--height needs --index (it picks the index entry at that height)");
            }
        });

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

    /// <summary>Something restore or verify reads: http(s)://, file://, or s3:// / gs:// with a bucket and a key.</summary>
    public static Option<Uri?> SourceUrl(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            var uri = ParseSource(text, out var problem);
            if (uri is null)
            {
                r.AddError($"{name} {problem}");
            }

            return uri;
        },
    };

    /// <summary>Every URL of a repeatable source option (<c>--index</c>, <c>--fallback-index</c>); each bad one is a parse error naming the option.</summary>
    public static Uri[] ParseSources(ArgumentResult result, string option)
    {
        var urls = new List<Uri>();
        foreach (var token in result.Tokens)
        {
            if (ParseSource(token.Value, out var problem) is { } uri)
            {
                urls.Add(uri);
            }
            else
            {
                result.AddError($"{option} {problem}");
            }
        }

        return [.. urls];
    }

    /// <summary>A URL restore, verify and restore-newest read, or null and why not (after the option's name).</summary>
    public static Uri? ParseSource(string text, out string problem)
    {
        problem = "";
        if (text.StartsWith(IpfsUrl.Scheme + "://", StringComparison.Ordinal))
        {
            var ipfs = IpfsUrl.TryParse(text, out var bad);
            problem = $"must be an ipfs://<cid>[/<path>] URL with a valid CID: {bad}";
            return ipfs;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme is "http" or "https" or "file" || (ObjectStores.IsObjectUrl(uri) && uri.Host.Length > 0 && ObjectKeys.FromUrl(uri).Length > 0)))
        {
            return uri;
        }

        problem = $"must be an absolute http(s)://, file://, s3://bucket/key, gs://bucket/key or ipfs://<cid>[/<path>] URL, not '{text}'";
        return null;
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
