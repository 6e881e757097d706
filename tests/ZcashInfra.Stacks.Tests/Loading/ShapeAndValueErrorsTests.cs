using ZcashInfra.Stacks.Loading;

namespace ZcashInfra.Stacks.Tests.Loading;

/// <summary>
/// Shape errors (unknown key, wrong type, missing required key) and the records' value rules in one
/// run: the rules run on a best-effort reading, and report only what does not rest on a value in
/// error. The settings stay null whenever anything is reported.
/// </summary>
public class ShapeAndValueErrorsTests
{
    private const string NodeSetKeys = "dbMajor, image, imageDigest, implementation, monitoring, name, network, peerGroup, replicas, resources, rollout, rpc, rpcPassword, snapshot, storage, version, zcashd";

    private const string TipFromMessage = "must name a zebrad node set of this stack on testnet with rpc: true, got 'tip'";

    private static void AssertErrors(SettingsResult result, params string[] expected)
    {
        Assert.Null(result.Settings);
        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Errors);
    }

    [Fact]
    public void A_typo_in_one_section_and_a_value_error_in_another_are_both_reported()
    {
        var result = StackYaml.WithBase("""
              zcash-infra:nodeSets:
                - {name: a, network: testnet, version: 6.3.0, replicaz: 2}
              zcash-infra:tekton:
                pipelinesVersion: one
            """);
        AssertErrors(result,
            $"zcash-infra:nodeSets[0].replicaz: unknown key (expected one of: {NodeSetKeys})",
            "zcash-infra:tekton.pipelinesVersion: must be a release tag like v1.15.0, got 'one'");
    }

    [Fact]
    public void A_value_error_inside_the_object_with_the_shape_error_is_left_out()
    {
        // replicas: 0 sits in the node set that has the typo: only the typo is reported.
        var result = StackYaml.WithBase("""
              zcash-infra:nodeSets:
                - {name: a, network: testnet, version: 6.3.0, replicas: 0, replicaz: 2}
                - {name: b, network: testnet, version: 6.3.0, replicas: 0}
            """);
        AssertErrors(result,
            $"zcash-infra:nodeSets[0].replicaz: unknown key (expected one of: {NodeSetKeys})",
            "zcash-infra:nodeSets[1].replicas: must be ≥ 1, got 0");
    }

    [Fact]
    public void The_tainted_object_is_the_innermost_one_that_held_the_bad_key()
    {
        // The typo is in storage: storage's own rules are left out, the node set's others still run.
        var result = StackYaml.WithBase("""
              zcash-infra:nodeSets:
                - {name: a, network: testnet, version: 6.3.0, replicas: 0, storage: {sizeGb: 50, storageClass: Bad_Class}}
            """);
        AssertErrors(result,
            "zcash-infra:nodeSets[0].storage.sizeGb: unknown key (expected one of: size, storageClass)",
            "zcash-infra:nodeSets[0].replicas: must be ≥ 1, got 0");
    }

    [Fact]
    public void A_clean_value_error_in_nodeSets_10_is_reported_when_nodeSets_1_is_tainted()
    {
        var sets = Enumerable.Range(0, 11).Select(i => i switch
        {
            1 => "    - {name: s1, network: testnet, version: 6.3.0, replicaz: 2}",
            10 => "    - {name: s10, network: testnet, version: 6.3.0, replicas: 0}",
            _ => $"    - {{name: s{i}, network: testnet, version: 6.3.0}}",
        });
        var result = StackYaml.WithBase("  zcash-infra:nodeSets:\n" + string.Join("\n", sets) + "\n");
        AssertErrors(result,
            $"zcash-infra:nodeSets[1].replicaz: unknown key (expected one of: {NodeSetKeys})",
            "zcash-infra:nodeSets[10].replicas: must be ≥ 1, got 0");
    }

    [Fact]
    public void A_cut_that_names_a_node_set_with_a_bad_network_reports_only_the_type_error()
    {
        // The placeholder network (mainnet, the enum's first) would make tipFrom look wrong.
        const string Cut = "  zcash-infra:snapshotSchedule:\n    cuts: [{network: testnet, target: {tipFrom: tip}}]\n";
        var result = StackYaml.WithBase("""
              zcash-infra:nodeSets:
                - {name: a, network: testnet, version: 6.3.0}
                - {name: tip, network: 5, version: 6.3.0, rpc: true}

            """ + Cut);
        AssertErrors(result, "zcash-infra:nodeSets[1].network: must be one of mainnet, testnet, regtest, got 5");

        // The same cross-check does fire when the network really is another one.
        var control = StackYaml.WithBase("""
              zcash-infra:nodeSets:
                - {name: a, network: testnet, version: 6.3.0}
                - {name: tip, network: mainnet, version: 6.3.0, rpc: true}

            """ + Cut);
        AssertErrors(control, "zcash-infra:snapshotSchedule.cuts[0].target.tipFrom: " + TipFromMessage);
    }

    [Fact]
    public void A_cut_that_takes_its_version_from_a_node_set_with_a_bad_network_reports_only_the_type_error()
    {
        const string Cut = "  zcash-infra:snapshotSchedule:\n    cuts: [{network: testnet, target: {height: 100}}]\n";
        var result = StackYaml.WithBase("""
              zcash-infra:nodeSets:
                - {name: a, network: testnt, version: 6.3.0}

            """ + Cut);
        AssertErrors(result, "zcash-infra:nodeSets[0].network: must be one of mainnet, testnet, regtest, got 'testnt'");

        var control = StackYaml.WithBase("""
              zcash-infra:nodeSets:
                - {name: a, network: mainnet, version: 6.3.0}

            """ + Cut);
        AssertErrors(control, "zcash-infra:snapshotSchedule.cuts[0].version: is required: no zebrad node set on testnet to take it from");
    }

    [Fact]
    public void A_cut_whose_lookups_stop_before_the_tainted_set_is_still_checked()
    {
        // Both lookups (the version's source, the tip's) stop at nodeSets[0] and never read the
        // tainted nodeSets[1]: their results do not depend on it.
        var result = StackYaml.WithBase("""
              zcash-infra:nodeSets:
                - {name: a, network: testnet, version: 6.3.0}
                - {name: b, network: testnet, version: 6.3.0, rpc: true, replicaz: 2}
              zcash-infra:snapshotSchedule:
                cuts: [{network: testnet, target: {tipFrom: a}}]
            """);
        AssertErrors(result,
            $"zcash-infra:nodeSets[1].replicaz: unknown key (expected one of: {NodeSetKeys})",
            "zcash-infra:snapshotSchedule.cuts[0].target.tipFrom: must name a zebrad node set of this stack on testnet with rpc: true, got 'a'");
    }

    [Fact]
    public void A_node_set_cloned_from_volume_snapshots_of_a_cut_with_a_bad_key_reports_only_the_type_error()
    {
        const string Sets = "  zcash-infra:nodeSets:\n    - {name: zebra-testnet, network: testnet, version: 6.3.0, rpc: true, snapshot: {index: 'https://snapshots.zfnd.org/testnet/snapshots.json', volumeSnapshot: true}}\n";

        // enabled: 'true' is a string: left out, its default (false) would say the set has no cut.
        var result = StackYaml.WithBase(Sets + "  zcash-infra:snapshotSchedule:\n    cuts: [{network: testnet, volumeSnapshots: {enabled: 'true'}}]\n");
        AssertErrors(result, "zcash-infra:snapshotSchedule.cuts[0].volumeSnapshots.enabled: must be true or false, got 'true' (true or false: remove the quotes)");

        var control = StackYaml.WithBase(Sets + "  zcash-infra:snapshotSchedule:\n    cuts: [{network: testnet, volumeSnapshots: {enabled: false}}]\n");
        AssertErrors(control,
            "zcash-infra:nodeSets[0].snapshot.volumeSnapshot: needs a snapshot cut of zebrad testnet db major 28 with volumeSnapshots.enabled: true in snapshotSchedule.cuts; without one the series' alias VolumeSnapshot never exists and every new volume stays Pending");
    }

    [Fact]
    public void A_compat_sidecar_of_a_tainted_node_set_is_not_judged_against_its_placeholder()
    {
        const string Compat = "    - {name: compat, network: testnet, implementation: zcashd, version: 6.2.0, zcashd: {compatWith: zebra}}\n";
        var result = StackYaml.WithBase("  zcash-infra:nodeSets:\n    - {name: zebra, network: [testnet], version: 6.3.0}\n" + Compat);
        AssertErrors(result, "zcash-infra:nodeSets[0].network: must be one of mainnet, testnet, regtest, got a list");

        var control = StackYaml.WithBase("  zcash-infra:nodeSets:\n    - {name: zebra, network: mainnet, version: 6.3.0}\n" + Compat);
        AssertErrors(control, "zcash-infra:nodeSets[1].zcashd.compatWith: must name a zebrad node set of this stack on testnet, got 'zebra'");
    }

    [Fact]
    public void A_typo_among_the_top_level_keys_silences_the_checks_that_read_the_whole_stack()
    {
        // gpc is probably gcp: "gcp is required" would mislead; a node set's own rules still report.
        var result = StackYaml.Parse("""
              zcash-infra:cloud: gcp
              zcash-infra:gpc:
                project: zcash-infra-test
                region: us-central1
              zcash-infra:cluster:
                name: zcash-test
              zcash-infra:nodeSets:
                - {name: a, network: testnet, version: 6.3.0, replicas: 0}
            """);
        AssertErrors(result,
            "zcash-infra:gpc: unknown key (expected one of: aws, ciWorkers, cloud, cluster, environment, gcp, labels, monitoring, namespace, nodePools, nodeSets, protectState, snapshotAgent, snapshotSchedule, snapshots, tekton)",
            "zcash-infra:nodeSets[0].replicas: must be ≥ 1, got 0");

        var control = StackYaml.Parse("""
              zcash-infra:cloud: gcp
              zcash-infra:cluster:
                name: zcash-test
              zcash-infra:nodeSets:
                - {name: a, network: testnet, version: 6.3.0, replicas: 0}
            """);
        AssertErrors(control,
            "zcash-infra:gcp: is required when cloud is gcp",
            "zcash-infra:nodeSets[0].replicas: must be ≥ 1, got 0");
    }

    [Fact]
    public void A_tainted_key_does_not_cover_a_longer_key_it_begins()
    {
        // nodeSet (unknown) is tainted; nodeSets, which it begins, is another key.
        var result = StackYaml.WithBase("""
              zcash-infra:nodeSet: []
              zcash-infra:nodeSets:
                - {name: a, network: testnet, version: 6.3.0, replicas: 0}
            """);
        AssertErrors(result,
            "zcash-infra:nodeSet: unknown key (expected one of: aws, ciWorkers, cloud, cluster, environment, gcp, labels, monitoring, namespace, nodePools, nodeSets, protectState, snapshotAgent, snapshotSchedule, snapshots, tekton)",
            "zcash-infra:nodeSets[0].replicas: must be ≥ 1, got 0");
    }

    [Fact]
    public void A_missing_required_key_keeps_its_object_for_the_others()
    {
        // nodeSets[0] has no version: a placeholder keeps it, and its name, so nodeSets[1]'s duplicate name is still found.
        var result = StackYaml.WithBase("""
              zcash-infra:nodeSets:
                - {name: a, network: testnet}
                - {name: a, network: testnet, version: 6.3.0}
            """);
        AssertErrors(result,
            "zcash-infra:nodeSets[0].version: is required",
            "zcash-infra:nodeSets[1].name: 'a' is already used by zcash-infra:nodeSets[0]");
    }

    [Fact]
    public void Objects_missing_every_required_key_or_of_the_wrong_type_are_read_with_placeholders()
    {
        // Placeholders ("", the enum's first name, objects of placeholders) stand in everywhere;
        // the rules run on them without failing, and what they say about them is left out. The
        // agent's own rule still reports; ciWorkers' does not: it reads the stack (tekton's build
        // resources), and tekton is tainted.
        var result = StackYaml.WithBase("""
              zcash-infra:nodePools:
                - {}
              zcash-infra:nodeSets:
                - {}
                - 5
              zcash-infra:snapshotSchedule:
                cuts: [{}]
              zcash-infra:tekton:
                repositories: [{}]
                dashboardIngress: {}
                webhookSecret: {}
              zcash-infra:ciWorkers:
                maxWorkers: 0
              zcash-infra:snapshotAgent:
                image: ghcr.io/zcash-infra/snapshot-agent:latest
            """);
        AssertErrors(result,
            "zcash-infra:nodePools[0].name: is required",
            "zcash-infra:nodePools[0].role: is required",
            "zcash-infra:nodePools[0].machineType: is required",
            "zcash-infra:nodeSets[0].name: is required",
            "zcash-infra:nodeSets[0].network: is required",
            "zcash-infra:nodeSets[0].version: is required",
            "zcash-infra:nodeSets[1]: must be an object, got 5",
            "zcash-infra:snapshotSchedule.cuts[0].network: is required",
            "zcash-infra:tekton.repositories[0].name: is required",
            "zcash-infra:tekton.repositories[0].url: is required",
            "zcash-infra:tekton.repositories[0].build: is required",
            "zcash-infra:tekton.dashboardIngress.host: is required",
            "zcash-infra:tekton.webhookSecret.name: is required",
            "zcash-infra:tekton.webhookSecret.key: is required",
            "zcash-infra:snapshotAgent.image: must be pinned by tag or digest (not :latest), got 'ghcr.io/zcash-infra/snapshot-agent:latest'");
    }

    [Fact]
    public void Secrets_in_error_are_never_echoed_and_other_errors_still_come()
    {
        var result = StackYaml.Parse("""
              zcash-infra:cloud: existing
              zcash-infra:cluster:
                kubeconfig: "apiVersion: v1 very-private"
              zcash-infra:tekton:
                pipelinesVersion:
                  secure: v1:topsecretcipher
              zcash-infra:nodeSets:
                - {name: a, network: testnet, version: 6.3.0, rpcPassword: hunter2-private}
                - {name: b, network: testnet, version: 6.3.0, replicas: 0}
            """);
        AssertErrors(result,
            "zcash-infra:cluster.kubeconfig: must be a secret: set it with `pulumi config set --secret --path cluster.kubeconfig <value>`",
            "zcash-infra:tekton.pipelinesVersion: is not a secret setting; set it without --secret",
            "zcash-infra:nodeSets[0].rpcPassword: must be a secret: set it with `pulumi config set --secret --path nodeSets[0].rpcPassword <value>`",
            "zcash-infra:nodeSets[1].replicas: must be ≥ 1, got 0");
        var text = string.Join("\n", result.LocatedErrors);
        Assert.DoesNotContain("very-private", text, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecretcipher", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
    }
}
