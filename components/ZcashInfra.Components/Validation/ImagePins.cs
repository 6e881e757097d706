using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Policies;

namespace ZcashInfra.Components.Validation;

/// <summary>An image reference that names a tag but no digest, and the objects that run it.</summary>
/// <param name="Image">The reference as rendered.</param>
/// <param name="UsedBy">Graph paths of the objects whose pods, steps or sidecars run it.</param>
public sealed record UnpinnedImage(string Image, IReadOnlyList<string> UsedBy)
{
    /// <inheritdoc />
    public override string ToString() => $"{Image} (used by {string.Join(", ", UsedBy)})";
}

/// <summary>
/// Which images a graph runs by tag alone. A tag is a name the publisher may move (alpine/k8s and
/// the Docker official images rebuild theirs), while a digest names exact bytes: the container
/// runtime resolves <c>name:tag@sha256:…</c> by the digest and ignores the tag (distribution
/// reference grammar, distribution/reference <c>reference.go</c>). Production stacks are warned
/// about every image this lists; parameters Tekton fills in at run time are not images yet.
/// </summary>
public static class ImagePins
{
    /// <summary>The graph's images without a digest, by reference, in a stable order.</summary>
    public static IReadOnlyList<UnpinnedImage> Unpinned(ResourceGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var found = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (node, manifest) in KubernetesManifests.In(graph))
        {
            var containers = PodSpecs.Find(manifest).SelectMany(PodSpecs.Containers).Concat(PodSpecs.TektonContainers(manifest));
            foreach (var site in containers)
            {
                var image = site.Container["image"]?.GetValue<string>();
                if (image is null || IsPinned(image) || image.Contains("$(", StringComparison.Ordinal))
                {
                    continue;
                }

                if (!found.TryGetValue(image, out var users))
                {
                    found[image] = users = new SortedSet<string>(StringComparer.Ordinal);
                }

                users.Add(node.Path);
            }
        }

        return [.. found.Select(kv => new UnpinnedImage(kv.Key, [.. kv.Value]))];
    }

    /// <summary>True when the reference carries a digest (<c>@sha256:</c> followed by 64 hex digits).</summary>
    public static bool IsPinned(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var at = image.LastIndexOf("@sha256:", StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var hex = image[(at + "@sha256:".Length)..];
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigitLower);
    }
}
