using System.Collections.Immutable;

namespace ZcashInfra.Components.Diff;

/// <summary>
/// Compares a stack's base with its change the way Pulumi would act on it, without credentials:
/// nodes are matched by URN identity (type chain and name, see <see cref="NodeIdentity"/>; the
/// project declares no aliases, so that identity is the only one a resource has); what is left is a replacement in place (the type, or an ancestor's type,
/// changed), a move (same type and name under a parent of another type, without an alias: a new
/// URN, so Pulumi deletes and recreates it), an addition or a removal. Matched nodes are compared
/// property by property, and <see cref="ReplacementRules"/> decides which changes replace.
/// </summary>
public static class GraphDiff
{
    /// <summary>Compares two sides of one stack.</summary>
    public static StackDiff Compare(DiffSide before, DiffSide after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var beforeIds = new NodeIdentity(before);
        var afterIds = new NodeIdentity(after);
        var byIdentity = new Dictionary<string, DiffNode>(StringComparer.Ordinal);
        foreach (var node in before.Nodes)
        {
            if (!byIdentity.TryAdd(beforeIds.Of(node), node))
            {
                throw new InvalidDataException($"{before.Source}: two nodes have the URN identity {beforeIds.Of(node)}");
            }
        }

        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var matched = new Dictionary<string, (DiffNode Before, Pairing How)>(StringComparer.Ordinal);

        bool Claim(DiffNode afterNode, DiffNode beforeNode, Pairing how)
        {
            if (!claimed.Add(beforeNode.Path))
            {
                return false;
            }

            matched[afterNode.Path] = (beforeNode, how);
            return true;
        }

        // 1. Same URN: the same resource to Pulumi.
        foreach (var node in after.Nodes)
        {
            if (byIdentity.TryGetValue(afterIds.Of(node), out var old))
            {
                Claim(node, old, Pairing.Same);
            }
        }

        // 2. Same path, new URN: its type or an ancestor's type changed.
        foreach (var node in after.Nodes.Where(n => !matched.ContainsKey(n.Path)))
        {
            if (before.Find(node.Path) is { } old && !claimed.Contains(old.Path))
            {
                Claim(node, old, Pairing.Retyped);
            }
        }

        // 3. Same type and name under another parent, new URN, no alias: moved.
        foreach (var node in after.Nodes.Where(n => !matched.ContainsKey(n.Path)))
        {
            var old = before.Nodes.FirstOrDefault(o => !claimed.Contains(o.Path) && o.Type == node.Type && o.Name == node.Name);
            if (old is not null)
            {
                Claim(node, old, Pairing.Moved);
            }
        }

        var entries = new List<(int Anchor, int Tie, ResourceChange Change)>();
        var secrets = 0;
        var afterIndexOfBefore = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < after.Nodes.Length; i++)
        {
            var node = after.Nodes[i];
            if (matched.TryGetValue(node.Path, out var pair))
            {
                afterIndexOfBefore[pair.Before.Path] = i;
                var (change, uncompared) = Paired(pair.Before, node, pair.How, beforeIds, afterIds);
                secrets += uncompared;
                entries.Add((i, 0, change));
            }
            else
            {
                entries.Add((i, 0, Unpaired(node, ChangeKind.Added)));
            }
        }

        // A removed node goes after the node that preceded it in the base, so it shows near where it was.
        var anchor = -1;
        for (var j = 0; j < before.Nodes.Length; j++)
        {
            var old = before.Nodes[j];
            if (afterIndexOfBefore.TryGetValue(old.Path, out var at))
            {
                anchor = at;
            }
            else if (!claimed.Contains(old.Path))
            {
                entries.Add((anchor, j + 1, Unpaired(old, ChangeKind.Removed)));
            }
        }

        var outputs = new PropertyDiff();
        outputs.Compare(before.Exists ? before.Outputs : null, after.Exists ? after.Outputs : null);
        return new StackDiff(
            after.Exists ? after.Stack : before.Stack,
            [.. entries.OrderBy(e => e.Anchor).ThenBy(e => e.Tie).Select(e => e.Change)],
            [.. outputs.Changes.Select(c => c.Change)],
            secrets + outputs.UncomparedSecrets,
            before.Exists,
            after.Exists);
    }

    private static ResourceChange Unpaired(DiffNode node, ChangeKind kind)
    {
        var diff = new PropertyDiff();
        if (kind == ChangeKind.Added)
        {
            diff.Compare(null, node.Inputs);
        }
        else
        {
            diff.Compare(node.Inputs, null);
        }

        var (effect, rows) = PodEffects.Describe(kind, node.Type, kind == ChangeKind.Removed ? node.Inputs : null, kind == ChangeKind.Added ? node.Inputs : null, [.. diff.Changes.Select(c => c.Change)]);
        return new ResourceChange(kind, node.Path, node.Parent, node.Type, node.Name, node.Kind, null, null, [], rows, effect);
    }

    private static (ResourceChange Change, int UncomparedSecrets) Paired(DiffNode before, DiffNode after, Pairing how, NodeIdentity beforeIds, NodeIdentity afterIds)
    {
        var diff = new PropertyDiff();
        diff.Compare(before.Inputs, after.Inputs);
        var inputRows = diff.Changes.Count;
        diff.Compare(before.Options, after.Options, "options.");
        if (how == Pairing.Same && before.Parent != after.Parent)
        {
            // Same URN under another component of the same type: Pulumi re-parents it in place.
            diff.Add(new PropertyChange("parent", Quote(before.Parent), Quote(after.Parent)));
        }

        var ignored = after.IgnoreChanges.Select(PropertyPath.Parse).ToList();
        var rows = ImmutableArray.CreateBuilder<PropertyChange>();
        var reasons = new List<string>();
        for (var i = 0; i < diff.Changes.Count; i++)
        {
            var (path, change) = diff.Changes[i];
            var isInput = i < inputRows;
            if (isInput && ignored.Any(path.StartsWith))
            {
                rows.Add(change with { Ignored = true });
                continue;
            }

            var rule = isInput ? ReplacementRules.Match(after.Type, path)
                : change.Property == "options." + DiffNode.ProviderOption ? path : null;
            if (rule is not null)
            {
                var reason = isInput ? $"{rule} changed" : "the explicit provider changed";
                if (!reasons.Contains(reason))
                {
                    reasons.Add(reason);
                }
            }

            rows.Add(change with { Replaces = rule is not null });
        }

        switch (how)
        {
            case Pairing.Retyped when before.Type != after.Type:
                reasons.Insert(0, $"type changed from {before.Type}");
                break;
            case Pairing.Retyped:
                reasons.Insert(0, $"URN changed: an enclosing component's type changed ({NodeIdentity.Chain(beforeIds.Of(before))} → {NodeIdentity.Chain(afterIds.Of(after))})");
                break;
            case Pairing.Moved:
                reasons.Insert(0, $"moved from {before.Parent ?? "the stack"} to {after.Parent ?? "the stack"} without an alias");
                break;
        }

        var significant = rows.Any(r => !r.Ignored);
        var kind = how switch
        {
            Pairing.Moved => ChangeKind.Moved,
            Pairing.Retyped => ChangeKind.Replaced,
            _ when reasons.Count > 0 => ChangeKind.Replaced,
            _ when significant => ChangeKind.Changed,
            _ => ChangeKind.Unchanged,
        };
        var (effect, described) = PodEffects.Describe(kind, after.Type, before.Inputs, after.Inputs, rows.ToImmutable());
        var result = new ResourceChange(
            kind, after.Path, after.Parent, after.Type, after.Name, after.Kind,
            before.Path != after.Path ? before.Path : null,
            before.Type != after.Type ? before.Type : null,
            [.. reasons],
            described,
            effect);
        return (result, diff.UncomparedSecrets);
    }

    private static string? Quote(string? path) => path is null ? null : "\"" + path + "\"";

    private enum Pairing
    {
        Same,
        Retyped,
        Moved,
    }
}
