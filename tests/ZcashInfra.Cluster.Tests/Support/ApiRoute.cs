using System.Globalization;

namespace ZcashInfra.Cluster.Tests.Support;

/// <summary>
/// A REST path of the Kubernetes API: <c>/api/v1/namespaces/NS/RESOURCE[/NAME[/SUB…]]</c> for the
/// core group, <c>/apis/GROUP/VERSION/[namespaces/NS/]RESOURCE[/NAME]</c> otherwise; a pod proxy
/// names the pod as <c>NAME:PORT</c> (kubernetes/kubernetes <c>pkg/registry/core/pod/rest/subresources.go</c>).
/// </summary>
public sealed record ApiRoute(string Group, string Version, string? Namespace, string Resource, string? Name, string? Subresource, int Port)
{
    public bool IsProxy => Subresource == "proxy";

    /// <summary>resource.group, as Status messages name it.</summary>
    public string Qualified => Group.Length == 0 ? Resource : $"{Resource}.{Group}";

    public string ListKind => Resource switch
    {
        "volumesnapshots" => "VolumeSnapshotList",
        "volumesnapshotcontents" => "VolumeSnapshotContentList",
        "pods" => "PodList",
        "statefulsets" => "StatefulSetList",
        "persistentvolumeclaims" => "PersistentVolumeClaimList",
        _ => "List",
    };

    public static ApiRoute? Parse(string path)
    {
        var parts = path.Trim('/').Split('/');
        string group, version;
        int i;
        if (parts is ["api", "v1", ..])
        {
            (group, version, i) = (string.Empty, "v1", 2);
        }
        else if (parts.Length >= 3 && parts[0] == "apis")
        {
            (group, version, i) = (parts[1], parts[2], 3);
        }
        else
        {
            return null;
        }

        string? ns = null;
        if (parts.Length > i + 1 && parts[i] == "namespaces")
        {
            ns = Uri.UnescapeDataString(parts[i + 1]);
            i += 2;
        }

        if (parts.Length <= i)
        {
            return null;
        }

        var resource = parts[i];
        var name = parts.Length > i + 1 ? Uri.UnescapeDataString(parts[i + 1]) : null;
        var sub = parts.Length > i + 2 ? parts[i + 2] : null;
        var port = 0;
        if (sub == "proxy" && name is not null && name.LastIndexOf(':') is var colon and > 0)
        {
            port = int.Parse(name[(colon + 1)..], CultureInfo.InvariantCulture);
            name = name[..colon];
        }

        return new ApiRoute(group, version, ns, resource, name, sub, port);
    }
}
