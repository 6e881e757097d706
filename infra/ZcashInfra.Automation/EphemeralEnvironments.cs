using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.Zcash;
using ZcashInfra.Stacks;

namespace ZcashInfra.Automation;

/// <summary>
/// Creates, hands over and tears down single-node environments: a stack named from the request,
/// configured for an existing cluster with one node set, brought up, and destroyed afterwards —
/// including when anything on the way fails.
/// </summary>
/// <param name="workspace">The Pulumi workspace.</param>
/// <param name="progress">Receives progress lines (engine output included).</param>
/// <param name="uniqueSuffix">Makes each stack name unique (default: 8 random hex digits).</param>
/// <param name="readiness">
/// Waits after <c>up</c> until the node is Ready at the requested height, failing with the pod's
/// reason (default: none, <c>up</c>'s own wait only).
/// </param>
public sealed class EphemeralEnvironments(IStackWorkspace workspace, Action<string> progress, Func<string>? uniqueSuffix = null, INodeReadiness? readiness = null)
{
    /// <summary>The node set's name inside an ephemeral stack.</summary>
    public const string NodeSetName = "node";

    /// <summary>The stack output that maps node-set names to their RPC endpoints.</summary>
    public const string RpcEndpointsOutput = StackOutputNames.RpcEndpoints;

    private readonly Func<string> _suffix = uniqueSuffix ?? (() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..8]);

    /// <summary>A stack name that says what the environment is: <c>eph-&lt;owner&gt;-&lt;network&gt;-&lt;height|latest&gt;-&lt;suffix&gt;</c>.</summary>
    public static string StackName(EphemeralNodeRequest request, string suffix)
    {
        var height = request.Height?.ToString(CultureInfo.InvariantCulture) ?? "latest";
        var owner = Sanitize(request.Owner);
        var name = $"eph-{owner}-{NodeLabels.Value(request.Release.Network)}-{height}-{Sanitize(suffix)}";
        return name.Length <= 100 ? name : name[..100];
    }

    /// <summary>
    /// The stack configuration for a request, exactly as <c>pulumi config set</c> would store it.
    /// The environment's objects live in a namespace of its own (<see cref="StackNamespace.For"/>),
    /// so environments on one cluster — and a normal stack's <c>zcash</c> namespace — never meet,
    /// and tearing one down deletes only its own namespace.
    /// </summary>
    public static IReadOnlyDictionary<string, ConfigSetting> Configuration(EphemeralNodeRequest request, string stackName)
    {
        Check(request);
        var nodeSet = new JsonObject { ["name"] = NodeSetName };
        foreach (var (key, value) in ReleaseKeys(request.Release))
        {
            nodeSet[key] = value;
        }

        nodeSet["replicas"] = 1;
        nodeSet["rpc"] = true;
        if (request.SnapshotIndex is not null)
        {
            var snapshot = new JsonObject { ["index"] = request.SnapshotIndex };
            if (request.Height is { } height)
            {
                snapshot["height"] = height;
            }

            if (request.Sha256 is not null)
            {
                snapshot["sha256"] = request.Sha256;
            }

            nodeSet["snapshot"] = snapshot;
        }

        var config = new Dictionary<string, ConfigSetting>(StringComparer.Ordinal)
        {
            ["zcash-infra:cloud"] = new("existing"),
            ["zcash-infra:environment"] = new("development"),
            ["zcash-infra:namespace"] = new(StackNamespace.For(stackName)),
            ["zcash-infra:nodeSets"] = new(new JsonArray(nodeSet).ToJsonString()),
        };
        if (request.KubeContext is not null)
        {
            config["zcash-infra:cluster"] = new(new JsonObject { ["context"] = request.KubeContext }.ToJsonString());
        }

        return config;
    }

    /// <summary>Creates the environment and returns its node; on any failure it is torn down before the error is rethrown.</summary>
    public async Task<EphemeralNode> CreateAsync(EphemeralNodeRequest request, CancellationToken cancellationToken = default)
    {
        Check(request);
        var name = StackName(request, _suffix());
        var configuration = Configuration(request, name);
        progress($"ephemeral {name}: creating");
        var stack = await workspace.CreateOrSelectAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            await stack.SetConfigAsync(configuration, cancellationToken).ConfigureAwait(false);
            var outputs = await stack.UpAsync(progress, cancellationToken).ConfigureAwait(false);
            var endpoint = RpcEndpoint(outputs)
                ?? throw new InvalidOperationException($"ephemeral {name}: the stack has no '{RpcEndpointsOutput}.{NodeSetName}' output");
            if (readiness is not null)
            {
                progress($"ephemeral {name}: waiting for the node to be ready at {ClusterNodeReadiness.Goal(request)}");
                endpoint = await readiness.WaitAsync(name, request, endpoint, progress, cancellationToken).ConfigureAwait(false);
            }

            progress($"ephemeral {name}: ready, RPC at {endpoint}");
            return new EphemeralNode(name, endpoint);
        }
        catch (Exception original)
        {
            progress($"ephemeral {name}: creation failed ({original.Message}); tearing it down");
            try
            {
                await TearDownAsync(stack, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception cleanup)
            {
                throw new AggregateException($"ephemeral {name}: creation failed and so did the clean-up; destroy it with `ephemeral down {name}`", original, cleanup);
            }

            throw;
        }
    }

    /// <summary>Destroys an environment and removes its stack; the stack is kept when destroy fails, so nothing is orphaned.</summary>
    public async Task DestroyAsync(string stackName, CancellationToken cancellationToken = default)
    {
        if (!stackName.StartsWith("eph-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{stackName}' is not an ephemeral stack (eph-…); refusing to destroy it", nameof(stackName));
        }

        // Selecting, never creating: `down` of a mistyped name must not create a stack to remove it.
        var stack = await workspace.SelectAsync(stackName, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"ephemeral {stackName}: no such environment (no stack of that name); nothing was destroyed");
        await TearDownAsync(stack, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the environment, hands the node to <paramref name="use"/>, and always tears it down.</summary>
    public async Task<T> UseAsync<T>(EphemeralNodeRequest request, Func<EphemeralNode, Task<T>> use, CancellationToken cancellationToken = default)
    {
        var node = await CreateAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            return await use(node).ConfigureAwait(false);
        }
        finally
        {
            await DestroyAsync(node.StackName, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task TearDownAsync(IStackSession stack, CancellationToken cancellationToken)
    {
        progress($"ephemeral {stack.Name}: destroying");
        try
        {
            await stack.DestroyAsync(progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"ephemeral {stack.Name}: destroy failed; the stack is kept so its resources stay tracked — retry `ephemeral down {stack.Name}`", e);
        }

        await workspace.RemoveAsync(stack.Name, cancellationToken).ConfigureAwait(false);
        progress($"ephemeral {stack.Name}: removed");
    }

    private static string? RpcEndpoint(IReadOnlyDictionary<string, StackOutput> outputs)
    {
        if (!outputs.TryGetValue(RpcEndpointsOutput, out var endpoints))
        {
            return null;
        }

        return endpoints.Value switch
        {
            IDictionary<string, object> map when map.TryGetValue(NodeSetName, out var value) => value?.ToString(),
            JsonElement { ValueKind: JsonValueKind.Object } json when json.TryGetProperty(NodeSetName, out var value) => value.GetString(),
            _ => null,
        };
    }

    /// <summary>A release as the keys of a <c>nodeSets</c> entry (<c>NodeSetSettings</c>), only those that are set.</summary>
    private static IEnumerable<(string Key, JsonNode Value)> ReleaseKeys(NodeRelease release)
    {
        yield return ("network", NodeLabels.Value(release.Network));
        yield return ("implementation", NodeLabels.Value(release.Implementation));
        yield return ("version", release.Version);
        if (release.Image is { } image)
        {
            yield return ("image", image);
        }

        if (release.ImageDigest is { } digest)
        {
            yield return ("imageDigest", digest);
        }

        if (release.DbMajor is { } dbMajor)
        {
            yield return ("dbMajor", dbMajor);
        }

        if (release.Zcashd != new ZcashdOptions())
        {
            var zcashd = new JsonObject
            {
                ["txIndex"] = release.Zcashd.TxIndex,
                ["insightExplorer"] = release.Zcashd.InsightExplorer,
                ["lightwalletd"] = release.Zcashd.Lightwalletd,
            };
            if (release.Zcashd.CompatWith is { } compat)
            {
                zcashd["compatWith"] = compat;
            }

            yield return ("zcashd", zcashd);
        }
    }

    private static void Check(EphemeralNodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Release);
        if (string.Join("; ", request.Release.Problems(NodeReleaseUse.NodeSet)) is { Length: > 0 } problems)
        {
            throw new ArgumentException($"the release cannot run: {problems}", nameof(request));
        }

        if (request.Release.Network == Network.Mainnet)
        {
            throw new ArgumentException("ephemeral nodes run on testnet or regtest; mainnet state (~300 GB) is not ephemeral", nameof(request));
        }

        if (request.Height is not null && request.SnapshotIndex is null)
        {
            throw new ArgumentException("a height needs a snapshot index to choose the snapshot from", nameof(request));
        }

        if (request.Release.Network == Network.Regtest && request.SnapshotIndex is not null)
        {
            throw new ArgumentException("regtest starts from an empty chain; it has no snapshots", nameof(request));
        }
    }

    private static string Sanitize(string text)
    {
        var clean = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            // Anything else becomes one '-', so "CI Job #42" reads "ci-job-42".
            var next = char.IsAsciiLetterOrDigit(c) ? c : '-';
            if (next != '-' || clean.Length == 0 || clean[^1] != '-')
            {
                clean.Append(next);
            }
        }

        var result = clean.ToString().Trim('-');
        return result.Length == 0 ? "x" : result[..Math.Min(result.Length, 40)];
    }
}
