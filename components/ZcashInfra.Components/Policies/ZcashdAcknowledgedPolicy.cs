using System.Text.Json.Nodes;
using ZcashInfra.Components.Validation;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// Every zcashd this project starts acknowledges its deprecation (<see cref="ZcashdDeprecation"/>),
/// or zcashd 6.x exits at start: each command line or step script that runs zcashd passes the flag
/// or reads a config file, and each rendered <c>zcash.conf</c> carries the line.
/// </summary>
public sealed class ZcashdAcknowledgedPolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "zcashd-deprecation-acknowledged";

    /// <inheritdoc />
    public string Description => $"every zcashd command line passes {ZcashdDeprecation.Flag} or a -conf= file, and every zcash.conf carries {ZcashdDeprecation.ConfigLine}";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        foreach (var (node, manifest) in KubernetesManifests.In(context.Graph))
        {
            if (Workloads.Text(manifest["kind"]) == "ConfigMap")
            {
                foreach (var (key, value) in manifest["data"] as JsonObject ?? [])
                {
                    if (key.EndsWith("zcash.conf", StringComparison.Ordinal) && !ZcashdDeprecation.ConfigAcknowledges(Workloads.Text(value) ?? string.Empty))
                    {
                        yield return new Finding(Id, node.Path, $"data.{key} lacks {ZcashdDeprecation.ConfigLine}: zcashd 6.x refuses to start");
                    }
                }
            }

            foreach (var (path, text) in Commands(manifest, string.Empty))
            {
                foreach (var line in ZcashdDeprecation.UnacknowledgedInvocations(text))
                {
                    yield return new Finding(Id, node.Path, $"{path} runs zcashd without {ZcashdDeprecation.Flag} (or a -conf= file): zcashd 6.x refuses to start: {line}");
                }
            }
        }
    }

    /// <summary>Every container or step (anything with an image) and the text it runs: its script, or its command and args.</summary>
    private static IEnumerable<(string Path, string Text)> Commands(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["image"] is not null)
                {
                    var words = (o["command"] as JsonArray ?? []).Concat(o["args"] as JsonArray ?? []).Select(Workloads.Text).OfType<string>();
                    yield return (path, (Workloads.Text(o["script"]) ?? string.Empty) + "\n" + string.Join(' ', words));
                }

                foreach (var (key, value) in o)
                {
                    foreach (var found in Commands(value, path.Length == 0 ? key : $"{path}.{key}"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var found in Commands(a[i], $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }
}
