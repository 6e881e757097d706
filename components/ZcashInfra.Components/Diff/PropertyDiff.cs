using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;

namespace ZcashInfra.Components.Diff;

/// <summary>
/// Compares two input trees leaf by leaf. Objects are compared key by key (the change's key order,
/// then keys only the base has), lists element by element, as Pulumi's own diff does. Secrets never
/// show: from a graph two secrets are compared by <see cref="Secret.Fingerprint"/>; a rendered
/// file carries only <c>[secret]</c>, so there a change cannot be seen and is counted instead.
/// </summary>
public sealed class PropertyDiff
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<(PropertyPath Path, PropertyChange Change)> _changes = [];

    /// <summary>Secrets present on both sides whose equality could not be decided.</summary>
    public int UncomparedSecrets { get; private set; }

    /// <summary>The differences found so far, in document order.</summary>
    public IReadOnlyList<(PropertyPath Path, PropertyChange Change)> Changes => _changes;

    /// <summary>Compares two trees, labelling rows with <paramref name="label"/> (e.g. <c>options.</c>).</summary>
    /// <param name="before">The base's tree, or null when absent.</param>
    /// <param name="after">The change's tree, or null when absent.</param>
    /// <param name="label">A prefix for the printed property names (empty for inputs).</param>
    /// <remarks>An absent tree is compared as an empty one: a node without inputs has no properties to list.</remarks>
    public void Compare(JsonObject? before, JsonObject? after, string label = "") =>
        Walk(before ?? [], true, after ?? [], true, PropertyPath.Root, label);

    /// <summary>Adds a row that is not a tree difference (a parent change).</summary>
    public void Add(PropertyChange change) => _changes.Add((PropertyPath.Root, change));

    /// <summary>How a value is shown: compact JSON, secrets as <c>[secret]</c>, output references as <c>${path.output}</c>.</summary>
    public static string Display(JsonNode? value) =>
        InputTree.AsSecret(value) is not null ? Secret.Mask : InputTree.ToPlainJson(value)?.ToJsonString(Compact) ?? "null";

    private void Walk(JsonNode? before, bool hasBefore, JsonNode? after, bool hasAfter, PropertyPath path, string label)
    {
        if (hasBefore && hasAfter && before is JsonObject bo && after is JsonObject ao)
        {
            foreach (var (key, value) in ao)
            {
                Walk(bo[key], bo.ContainsKey(key), value, true, path.Key(key), label);
            }

            foreach (var (key, value) in bo.Where(kv => !ao.ContainsKey(kv.Key)))
            {
                Walk(value, true, null, false, path.Key(key), label);
            }

            return;
        }

        if (hasBefore && hasAfter && before is JsonArray ba && after is JsonArray aa)
        {
            for (var i = 0; i < Math.Max(ba.Count, aa.Count); i++)
            {
                Walk(i < ba.Count ? ba[i] : null, i < ba.Count, i < aa.Count ? aa[i] : null, i < aa.Count, path.Index(i), label);
            }

            return;
        }

        // One side absent: every leaf of the other side is a row of its own (empty containers stay one row).
        if (!hasAfter && IsNonEmptyContainer(before))
        {
            Spread(before!, path, (node, p) => Walk(node, true, null, false, p, label));
            return;
        }

        if (!hasBefore && IsNonEmptyContainer(after))
        {
            Spread(after!, path, (node, p) => Walk(null, false, node, true, p, label));
            return;
        }

        Leaf(before, hasBefore, after, hasAfter, path, label);
    }

    private void Leaf(JsonNode? before, bool hasBefore, JsonNode? after, bool hasAfter, PropertyPath path, string label)
    {
        var b = Describe(before);
        var a = Describe(after);
        if (hasBefore && hasAfter)
        {
            if (b.Secret && a.Secret)
            {
                if (b.Fingerprint is null || a.Fingerprint is null)
                {
                    UncomparedSecrets++;
                    return;
                }

                if (b.Fingerprint == a.Fingerprint)
                {
                    return;
                }
            }
            else if (!b.Secret && !a.Secret && b.Text == a.Text)
            {
                return;
            }
        }

        _changes.Add((path, new PropertyChange(label + path, hasBefore ? b.Text : null, hasAfter ? a.Text : null, (hasBefore && b.Secret) || (hasAfter && a.Secret))));
    }

    private static (bool Secret, string? Fingerprint, string Text) Describe(JsonNode? leaf)
    {
        if (InputTree.AsSecret(leaf) is { } secret)
        {
            return (true, secret.Fingerprint, Secret.Mask);
        }

        var text = Display(leaf);
        return leaf is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == Secret.Mask
            ? (true, null, Secret.Mask)
            : (false, null, text);
    }

    private static bool IsNonEmptyContainer(JsonNode? node) => node is JsonObject { Count: > 0 } or JsonArray { Count: > 0 };

    private static void Spread(JsonNode container, PropertyPath path, Action<JsonNode?, PropertyPath> walk)
    {
        if (container is JsonObject o)
        {
            foreach (var (key, value) in o)
            {
                walk(value, path.Key(key));
            }
        }
        else
        {
            var a = (JsonArray)container;
            for (var i = 0; i < a.Count; i++)
            {
                walk(a[i], path.Index(i));
            }
        }
    }
}
