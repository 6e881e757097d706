using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;

namespace ZcashInfra.Components.CiWorkers;

/// <summary>The most a CI namespace may hold at once.</summary>
/// <param name="RequestsCpu">Total CPU requests.</param>
/// <param name="RequestsMemory">Total memory requests.</param>
/// <param name="Pods">Pods.</param>
/// <param name="PersistentVolumeClaims">Volume claims (each run makes one).</param>
/// <param name="RequestsStorage">Total storage requested by claims.</param>
public sealed record CiQuota(string RequestsCpu, string RequestsMemory, int Pods, int PersistentVolumeClaims, string RequestsStorage);

/// <summary>Arguments of <see cref="CiNamespaceLimits"/>.</summary>
public sealed record CiNamespaceLimitsArgs
{
    /// <summary>Graph path of the Kubernetes provider. Required.</summary>
    public required string Provider { get; init; }

    /// <summary>The namespace limited. Required.</summary>
    public required string Namespace { get; init; }

    /// <summary>The quota. Required.</summary>
    public required CiQuota Quota { get; init; }

    /// <summary>Graph paths these depend on (the namespace). Default none.</summary>
    public ImmutableArray<string> DependsOn { get; init; } = [];

    /// <summary>A PriorityClass whose pods the quota leaves out (warm-capacity placeholders, which have their own). Default none.</summary>
    public string? ExcludedPriorityClass { get; init; }

    /// <summary>What a container without requests gets (Tekton's injected containers, anything forgotten). Default 100m, 128Mi.</summary>
    public ComputeResources DefaultRequest { get; init; } = new("100m", "128Mi");

    /// <summary>A container's memory limit when it sets none. Default 512Mi.</summary>
    public string DefaultMemoryLimit { get; init; } = "512Mi";

    /// <summary>
    /// How many pipeline runs the volume quota is sized to admit at once, besides the finished runs
    /// the pruner keeps (written on the quota for <see cref="Policies.RunVolumesFitQuotaPolicy"/>).
    /// Default null: not stated.
    /// </summary>
    public int? ConcurrentRuns { get; init; }
}

/// <summary>
/// A ResourceQuota and a LimitRange for a CI namespace, so a runaway pipeline (or a scaler gone
/// wrong) cannot take the cluster's capacity from the nodes: the namespace's total requests, pods
/// and volumes are capped, and every container gets requests even when it names none.
/// </summary>
public static class CiNamespaceLimits
{
    /// <summary>Component type token (public contract: renaming it replaces every child).</summary>
    public const string Type = "zcash-infra:index:CiNamespaceLimits";

    /// <summary>The compute quota's and limit range's name.</summary>
    public const string Name = "ci-limits";

    /// <summary>The volume quota's name (unscoped: a PriorityClass scope may not limit volumes).</summary>
    public const string StorageName = "ci-storage-limits";

    /// <summary>Declares the limits under <paramref name="scope"/>; returns the component path.</summary>
    public static string Declare(GraphScope scope, string name, CiNamespaceLimitsArgs args)
    {
        var component = scope.Component(Type, name);
        var options = new NodeOptions { DependsOn = args.DependsOn };
        // Two quotas: a PriorityClass scope applies only to pods, cpu and memory (see QuotaScopes),
        // so the volume limits live in an unscoped quota of their own.
        var compute = new JsonObject
        {
            ["hard"] = new JsonObject
            {
                ["requests.cpu"] = args.Quota.RequestsCpu,
                ["requests.memory"] = args.Quota.RequestsMemory,
                ["pods"] = args.Quota.Pods.ToString(CultureInfo.InvariantCulture),
            },
        };
        if (args.ExcludedPriorityClass is { } excluded)
        {
            // Pods without a priority class match NotIn too, so everything real is counted.
            compute["scopeSelector"] = new JsonObject
            {
                ["matchExpressions"] = new JsonArray(new JsonObject
                {
                    ["scopeName"] = "PriorityClass",
                    ["operator"] = "NotIn",
                    ["values"] = new JsonArray(excluded),
                }),
            };
        }

        KubernetesObjects.Declare(component, $"{name}-quota", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ResourceQuota",
            ["metadata"] = KubernetesObjects.Metadata(Name, args.Namespace, Name, name),
            ["spec"] = compute,
        }, args.Provider, options);
        var storageMetadata = KubernetesObjects.Metadata(StorageName, args.Namespace, Name, name);
        if (args.ConcurrentRuns is { } concurrent)
        {
            storageMetadata["annotations"] = new JsonObject { [Policies.RunVolumesFitQuotaPolicy.ConcurrentRunsAnnotation] = concurrent.ToString(CultureInfo.InvariantCulture) };
        }

        KubernetesObjects.Declare(component, $"{name}-storage-quota", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ResourceQuota",
            ["metadata"] = storageMetadata,
            ["spec"] = new JsonObject
            {
                ["hard"] = new JsonObject
                {
                    ["persistentvolumeclaims"] = args.Quota.PersistentVolumeClaims.ToString(CultureInfo.InvariantCulture),
                    ["requests.storage"] = args.Quota.RequestsStorage,
                },
            },
        }, args.Provider, options);
        KubernetesObjects.Declare(component, $"{name}-limit-range", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "LimitRange",
            ["metadata"] = KubernetesObjects.Metadata(Name, args.Namespace, Name, name),
            ["spec"] = new JsonObject
            {
                ["limits"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Container",
                    ["defaultRequest"] = new JsonObject { ["cpu"] = args.DefaultRequest.Cpu, ["memory"] = args.DefaultRequest.Memory },
                    ["default"] = new JsonObject { ["memory"] = args.DefaultMemoryLimit },
                }),
            },
        }, args.Provider, options);
        component.Output("namespace", args.Namespace);
        return component.Path!;
    }
}
