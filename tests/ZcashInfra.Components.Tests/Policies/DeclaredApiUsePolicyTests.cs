using System.Text.Json.Nodes;
using ZcashInfra.Components.Graph;
using ZcashInfra.Components.Kubernetes;
using ZcashInfra.Components.Policies;
using ZcashInfra.Components.Tests.Ci;
using ZcashInfra.Components.Tests.VolumeSnapshots;

namespace ZcashInfra.Components.Tests.Policies;

/// <summary>
/// The declared-api-use policy on real renders (the volume snapshot grants with the snapshot job;
/// the CI's pruner and listener) and on copies with one excess seeded each: a wildcard, an extra
/// verb, an extra resource, a namespaced use granted cluster-wide, a human subject, a user that
/// declares nothing.
/// </summary>
public class DeclaredApiUsePolicyTests
{
    private static readonly IPolicy Policy = new DeclaredApiUsePolicy();

    private static List<(string Name, JsonObject Manifest)> Objects(ResourceGraph graph) =>
    [
        .. graph.Resources.Where(n => n.Package == "kubernetes" && !TypeTokens.IsProvider(n.Type))
            .Select(n => (n.Name, InputTree.CopyObject(n.Inputs, n.Name))),
    ];

    private static List<string> Findings(List<(string Name, JsonObject Manifest)> objects)
    {
        var builder = new GraphBuilder("t");
        var provider = builder.Root.Resource("pulumi:providers:kubernetes", "k", []);
        foreach (var (name, manifest) in objects)
        {
            KubernetesObjects.Declare(builder.Root, name, manifest, provider);
        }

        return [.. Policy.Check(new PolicyContext(builder.Build(), EnvironmentTier.Production)).Select(f => f.ToString())];
    }

    private static List<(string Name, JsonObject Manifest)> Snapshots() => Objects(VolumeSnapshotGraphs.Declare().Graph);

    private static JsonObject Named(List<(string Name, JsonObject Manifest)> objects, string name) => objects.Single(o => o.Name == name).Manifest;

    [Fact]
    public void The_rendered_grants_pass_and_the_policy_is_in_the_set()
    {
        Assert.Empty(Findings(Snapshots()));
        Assert.Empty(Policy.Check(new PolicyContext(CiGraphs.Full(), EnvironmentTier.Production)));
        Assert.Contains(PolicySet.All, p => p.Id == Policy.Id);
    }

    [Fact]
    public void A_wildcard_or_a_verb_or_resource_nobody_declared_is_caught()
    {
        var objects = Snapshots();
        var rule = Named(objects, "volume-snapshots-role")["rules"]![0]!.AsObject();
        rule["verbs"]!.AsArray().Add("patch");
        rule["resources"]!.AsArray().Add("volumesnapshotclasses");
        Named(objects, "volume-snapshots-cluster-role")["rules"]![0]!["verbs"] = new JsonArray("*");
        var findings = Findings(objects);
        Assert.Contains("[declared-api-use] t/volume-snapshots-role: Role zcash-volume-snapshots (bound by RoleBinding zcash-volume-snapshots) grants service account zcash/zcash-snapshot-writer patch on snapshot.storage.k8s.io/volumesnapshots, which none of its users declares", findings);
        Assert.Contains("[declared-api-use] t/volume-snapshots-role: Role zcash-volume-snapshots (bound by RoleBinding zcash-volume-snapshots) grants service account zcash/zcash-snapshot-writer get on snapshot.storage.k8s.io/volumesnapshotclasses, which none of its users declares", findings);
        Assert.Contains("[declared-api-use] t/volume-snapshots-cluster-role: ClusterRole zcash-volume-snapshots-zcash: a wildcard in verbs; name exactly what is used", findings);
    }

    [Fact]
    public void A_namespaced_use_granted_in_every_namespace_is_caught()
    {
        var objects = Snapshots();
        Named(objects, "volume-snapshots-cluster-role")["rules"]!.AsArray().Add(new JsonObject
        {
            ["apiGroups"] = new JsonArray("snapshot.storage.k8s.io"),
            ["resources"] = new JsonArray("volumesnapshots"),
            ["verbs"] = new JsonArray("delete"),
        });
        Assert.Equal(
            ["[declared-api-use] t/volume-snapshots-cluster-role: ClusterRole zcash-volume-snapshots-zcash (bound by ClusterRoleBinding zcash-volume-snapshots-zcash) grants service account zcash/zcash-snapshot-writer delete on snapshot.storage.k8s.io/volumesnapshots in every namespace; its users declare a namespaced use (grant it with a Role or a RoleBinding)"],
            Findings(objects));
    }

    [Fact]
    public void A_grant_to_a_person_or_to_an_account_whose_pods_declare_nothing_is_caught()
    {
        var objects = Snapshots();
        Named(objects, "volume-snapshots-role-binding")["subjects"]!.AsArray().Add(new JsonObject { ["kind"] = "User", ["name"] = "alice", ["apiGroup"] = "rbac.authorization.k8s.io" });

        // The job's pods are the writer's only users; without their declaration nothing is granted legitimately.
        var cronJob = Named(objects, "snap-cronjob");
        cronJob["spec"]!["jobTemplate"]!["spec"]!["template"]!["metadata"]!.AsObject().Remove("annotations");
        var findings = Findings(objects);
        Assert.Contains("[declared-api-use] t/volume-snapshots-role-binding: binds Role zcash-volume-snapshots to User alice, which declares no use; bind service accounts whose users declare theirs", findings);
        Assert.Contains(findings, f => f.Contains("grants service account zcash/zcash-snapshot-writer create on snapshot.storage.k8s.io/volumesnapshotcontents, which none of its users declares", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("grants service account zcash/zcash-snapshot-writer list on core/persistentvolumeclaims, which none of its users declares", StringComparison.Ordinal));

        // One finding per granted verb: 5 on volumesnapshots, 1 on persistentvolumeclaims, 4 on volumesnapshotcontents.
        Assert.Equal(10, findings.Count(f => f.Contains("which none of its users declares", StringComparison.Ordinal)));
    }
}
