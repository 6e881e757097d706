using System.Text.Json.Nodes;

namespace ZcashInfra.Components.Kubernetes;

/// <summary>An Ingress for a Service.</summary>
/// <param name="Host">The host name the Ingress answers.</param>
/// <param name="IngressClassName">The ingress class; null uses the cluster's default.</param>
public sealed record IngressArgs(string Host, string? IngressClassName = null);

/// <summary>Ingresses for the few Services that are reachable from outside the cluster, and only when a stack asks.</summary>
public static class Ingresses
{
    /// <summary>An Ingress routing every path of <paramref name="ingress"/>'s host to one Service port.</summary>
    public static JsonObject For(string name, string @namespace, string service, int port, IngressArgs ingress, string component, string instance)
    {
        var spec = new JsonObject();
        if (ingress.IngressClassName is { } className)
        {
            spec["ingressClassName"] = className;
        }

        spec["rules"] = new JsonArray(new JsonObject
        {
            ["host"] = ingress.Host,
            ["http"] = new JsonObject
            {
                ["paths"] = new JsonArray(new JsonObject
                {
                    ["path"] = "/",
                    ["pathType"] = "Prefix",
                    ["backend"] = new JsonObject
                    {
                        ["service"] = new JsonObject { ["name"] = service, ["port"] = new JsonObject { ["number"] = port } },
                    },
                }),
            },
        });
        return new JsonObject
        {
            ["apiVersion"] = "networking.k8s.io/v1",
            ["kind"] = "Ingress",
            ["metadata"] = KubernetesObjects.Metadata(name, @namespace, component, instance),
            ["spec"] = spec,
        };
    }
}
