using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Validation;

namespace ZcashInfra.Components.Policies;

/// <summary>
/// In a stack that protects its state, chain state survives a mistaken <c>destroy</c>, a namespace
/// replacement, a StatefulSet replacement or a scale-down. Claims made from a StatefulSet's
/// <c>volumeClaimTemplates</c> are not in Pulumi's state, so what guards them is checked here: the
/// StatefulSet keeps them (<c>persistentVolumeClaimRetentionPolicy</c>, both Retain), the namespace
/// that holds them is protected and retained (deleting a namespace deletes its claims), and their
/// StorageClass keeps released disks (<c>reclaimPolicy: Retain</c>, which no cluster default has)
/// and can grow them (<c>allowVolumeExpansion</c>), and is itself protected and retained.
/// </summary>
public sealed class StateRetainedPolicy : IPolicy
{
    /// <inheritdoc />
    public string Id => "state-retained";

    /// <inheritdoc />
    public string Description => "with protectState, volumes, their namespaces and StorageClasses are retained and protected";

    /// <inheritdoc />
    public IEnumerable<Finding> Check(PolicyContext context)
    {
        if (!context.ProtectState)
        {
            yield break;
        }

        var resources = context.Graph.Resources.Where(n => n.Package == "kubernetes").ToList();
        var namespaces = resources.Where(n => Kind(n) == "v1/Namespace")
            .ToLookup(n => Workloads.Text(n.Inputs["metadata"]?["name"]) ?? string.Empty, StringComparer.Ordinal);
        var classes = resources.Where(n => Kind(n) == "storage.k8s.io/v1/StorageClass")
            .ToLookup(n => Workloads.Text(n.Inputs["metadata"]?["name"]) ?? string.Empty, StringComparer.Ordinal);
        var holding = new HashSet<string>(StringComparer.Ordinal);

        foreach (var node in resources)
        {
            var kind = Kind(node);
            if (kind == "v1/PersistentVolumeClaim")
            {
                holding.Add(Workloads.Text(node.Inputs["metadata"]?["namespace"]) ?? string.Empty);
                continue;
            }

            if (kind != "apps/v1/StatefulSet" || node.Inputs["spec"]?["volumeClaimTemplates"] is not JsonArray { Count: > 0 } templates)
            {
                continue;
            }

            holding.Add(Workloads.Text(node.Inputs["metadata"]?["namespace"]) ?? string.Empty);
            var retention = node.Inputs["spec"]?["persistentVolumeClaimRetentionPolicy"];
            foreach (var when in new[] { "whenDeleted", "whenScaled" })
            {
                if (Workloads.Text(retention?[when]) is var value && value != "Retain")
                {
                    yield return new Finding(Id, node.Path,
                        $"spec.persistentVolumeClaimRetentionPolicy.{when} is {value ?? "unset"}: chain state must be retained (say Retain)");
                }
            }

            for (var i = 0; i < templates.Count; i++)
            {
                var at = $"spec.volumeClaimTemplates[{i}].spec.storageClassName";
                if (Workloads.Text(templates[i]?["spec"]?["storageClassName"]) is not { } className)
                {
                    yield return new Finding(Id, node.Path,
                        $"{at} is unset: the cluster's default StorageClass deletes a released disk (reclaimPolicy Delete on GKE and EKS); use a class with reclaimPolicy Retain");
                    continue;
                }

                foreach (var storageClass in classes[className])
                {
                    if (Workloads.Text(storageClass.Inputs["reclaimPolicy"]) != "Retain")
                    {
                        yield return new Finding(Id, storageClass.Path, $"StorageClass {className} holds chain state ({node.Path}) but its reclaimPolicy is not Retain");
                    }

                    if (Workloads.Bool(storageClass.Inputs["allowVolumeExpansion"]) != true)
                    {
                        yield return new Finding(Id, storageClass.Path, $"StorageClass {className} holds chain state ({node.Path}) but does not allow volume expansion: a full volume could not be grown in place");
                    }

                    foreach (var finding in ProtectedAndRetained(storageClass, $"StorageClass {className} holds chain state"))
                    {
                        yield return finding;
                    }
                }
            }
        }

        foreach (var name in holding.Order(StringComparer.Ordinal))
        {
            foreach (var ns in namespaces[name])
            {
                foreach (var finding in ProtectedAndRetained(ns, $"namespace {name} holds volumes (deleting it deletes every claim in it)"))
                {
                    yield return finding;
                }
            }
        }
    }

    private IEnumerable<Finding> ProtectedAndRetained(GraphNode node, string why)
    {
        if (!node.Options.Protect)
        {
            yield return new Finding(Id, node.Path, $"{why}, but it is not protected (protect: true)");
        }

        if (!node.Options.RetainOnDelete)
        {
            yield return new Finding(Id, node.Path, $"{why}, but it is not retained on delete (retainOnDelete: true)");
        }
    }

    private static string Kind(GraphNode node) => Kubernetes.AwaitBehaviour.KindKey(node.Inputs);
}
