using System.Globalization;
using System.Text.Json.Nodes;
using ZcashInfra.Components.NodeSet;

namespace ZcashInfra.Components.Compose;

/// <summary>
/// One node set as Compose services, translated from the very pod template the cluster runs
/// (<see cref="NodePod.Template"/>), so image, command, restore arguments, mounts, user, ports and
/// probes cannot drift apart:
/// <list type="bullet">
/// <item>a one-shot <c>&lt;set&gt;-volume-owner</c> that gives the state volume to the node's user
/// (what the pod's <c>fsGroup</c> does). A new Docker volume takes the owner of the mount point
/// in the first image that mounts it, and is root's when that image lacks the directory (docker/docs
/// <c>content/manuals/engine/storage/volumes.md</c>, "Populate a volume using a container"): the
/// agent image has no node directories, and zebra's image has no <c>~/.cache/zebra</c>;</item>
/// <item>a one-shot <c>&lt;set&gt;-restore</c> from the restore init container, same image and arguments;</item>
/// <item>(one-shots keep Compose's default <c>restart: "no"</c>: a restarted one would never count as completed);</item>
/// <item>the node service, one replica, started only after both completed successfully.</item>
/// </list>
/// Keys: compose-spec/compose-spec <c>05-services.md</c>; behaviour: docker/compose
/// <c>pkg/compose/create.go</c> and <c>pkg/compose/secrets.go</c>.
/// </summary>
internal static class ComposeNodeSetServices
{
    private const string Completed = "service_completed_successfully";

    public static void Add(ComposeDocument document, NodeSetPlan plan, ComposeAddresses addresses, ComposePorts ports)
    {
        var name = plan.Name;
        var (configFile, configText) = ComposeNodeConfig.Render(plan, addresses);
        var spec = NodePod.Template(plan, new Dictionary<string, string>(), string.Empty)["spec"]!.AsObject();
        var pod = new PodFacts(name, spec, configFile, plan.PeersConfigMapName);
        var node = spec["containers"]!.AsArray().Single()!.AsObject();
        var init = (spec["initContainers"] as JsonArray ?? []).Select(c => c!.AsObject()).ToList();

        document.AddVolume(name, ComposeNames.StateVolume(name), []);
        document.AddConfig(name, ComposeNames.Config(name), new JsonObject { ["content"] = configText });
        if (ComposeNodeConfig.RenderPeers(plan, addresses) is { } peersText)
        {
            document.AddConfig(name, ComposeNames.Peers(name), new JsonObject { ["content"] = peersText });
        }
        document.AddService(name, ComposeNames.VolumeOwner(name), VolumeOwner(plan, pod, node));
        var ready = ComposeNames.VolumeOwner(name);

        JsonObject? configStep = null;
        foreach (var container in init)
        {
            switch (container["name"]!.GetValue<string>())
            {
                case NodePod.RestoreContainer:
                    document.AddService(name, ComposeNames.Restore(name), Restore(pod, container, ready));
                    ready = ComposeNames.Restore(name);
                    break;
                case NodePod.ConfigContainer:
                    configStep = container;
                    break;
                default:
                    throw new ComposeException($"node set '{name}': init container '{container["name"]}' has no Compose translation");
            }
        }

        if (plan.HasRpcPassword)
        {
            // Read by Compose from the environment (or .env) of whoever runs it; never written here.
            document.AddSecret(name, ComposeNames.RpcPassword(name), new JsonObject { ["environment"] = ComposeNames.RpcPasswordVariable(name) });
        }

        if (plan.JoinsPeerGroup)
        {
            document.AddAlias(name, ComposeNames.PeerAlias(plan.Args));
        }

        document.AddService(name, ComposeNames.Node(name), Node(plan, pod, node, configStep, ready, ports));
    }

    private static JsonObject VolumeOwner(NodeSetPlan plan, PodFacts pod, JsonObject node)
    {
        var target = node["volumeMounts"]!.AsArray().Select(m => m!.AsObject())
            .Single(m => m["name"]!.GetValue<string>() == NodeSetPlan.VolumeName)["mountPath"]!.GetValue<string>();

        // Runs the node's own image (it has chown) as root with only CAP_CHOWN, offline.
        return new JsonObject
        {
            ["image"] = plan.Image,
            ["user"] = "0:0",
            ["entrypoint"] = new JsonArray("chown", $"{pod.RunAsUser}:{pod.FsGroup}", target),
            ["volumes"] = new JsonArray(StateMount(pod.Name, target)),
            ["network_mode"] = "none",
            ["read_only"] = true,
            ["cap_drop"] = new JsonArray("ALL"),
            ["cap_add"] = new JsonArray("CHOWN"),
            ["security_opt"] = new JsonArray("no-new-privileges:true"),
        };
    }

    private static JsonObject Restore(PodFacts pod, JsonObject container, string after)
    {
        var service = new JsonObject { ["image"] = container["image"]!.GetValue<string>(), ["user"] = pod.User };

        // The init container's args go to the agent image's entrypoint, as in the pod. Without
        // --replace the agent leaves a volume that already holds state alone, so every
        // `docker compose up` may run it again (NodeSet/RestoreCommand.cs).
        service["command"] = container["args"]!.DeepClone();
        var mounts = Mounts(pod, container);
        service["volumes"] = mounts.Volumes;
        Hardening(service, container, mounts.Injected);
        service["depends_on"] = DependsOn(after);
        return service;
    }

    private static JsonObject Node(NodeSetPlan plan, PodFacts pod, JsonObject node, JsonObject? configStep, string after, ComposePorts ports)
    {
        var service = new JsonObject { ["image"] = node["image"]!.GetValue<string>(), ["user"] = pod.User };
        var command = Strings(node["command"]);
        var mounts = Mounts(pod, node);
        if (configStep is not null)
        {
            // The pod writes config + password into a memory volume in an init container; Compose
            // has no volume shared in memory between services, so the node runs the same step
            // first, in its own tmpfs, then replaces itself with the node.
            if (configStep["image"]!.GetValue<string>() != service["image"]!.GetValue<string>())
            {
                throw new ComposeException($"node set '{pod.Name}': the config step runs another image than the node; no Compose translation");
            }

            var script = Strings(configStep["command"]);
            if (script.Count != 3 || script[0] != "sh" || script[1] != "-c")
            {
                throw new ComposeException($"node set '{pod.Name}': the config step is not an sh -c script; no Compose translation");
            }

            command = ["sh", "-c", $"{script[2]} && exec {ShellWords.Join(command)}"];
            mounts = mounts.Merge(Mounts(pod, configStep));
        }

        // A set entrypoint replaces the image's ENTRYPOINT and drops its CMD, as a pod's command
        // does (compose-spec 05-services.md, entrypoint).
        service["entrypoint"] = new JsonArray([.. command.Select(c => JsonValue.Create(c))]);
        if (node["args"] is JsonArray args)
        {
            service["command"] = args.DeepClone();
        }

        service["volumes"] = mounts.Volumes;
        if (mounts.Configs.Count > 0)
        {
            service["configs"] = mounts.Configs;
        }

        if (mounts.Secrets.Count > 0)
        {
            service["secrets"] = mounts.Secrets;
        }

        var declared = (node["ports"] as JsonArray ?? []).Select(p => p!.AsObject()).ToList();
        if (declared.Count > 0)
        {
            service["expose"] = new JsonArray([.. declared.Select(p => JsonValue.Create(p["containerPort"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture)))]);
            service["ports"] = new JsonArray([.. declared.Select(p => ports.Publish(p["name"]!.GetValue<string>(), p["containerPort"]!.GetValue<int>()))]);
        }

        if (plan.JoinsPeerGroup)
        {
            service["networks"] = new JsonObject { ["default"] = new JsonObject { ["aliases"] = new JsonArray(ComposeNames.PeerAlias(plan.Args)) } };
        }

        if (ComposeHealthcheck.From(node) is { } healthcheck)
        {
            service["healthcheck"] = healthcheck;
        }

        Hardening(service, node, mounts.Injected);
        service["stop_grace_period"] = pod.GraceSeconds.ToString(CultureInfo.InvariantCulture) + "s";

        // A pod's containers are restarted whenever they stop; a stopped `docker compose stop` stays stopped.
        service["restart"] = "unless-stopped";
        service["depends_on"] = DependsOn(after);
        return service;
    }

    /// <summary>The container's securityContext as Compose options.</summary>
    private static void Hardening(JsonObject service, JsonObject container, bool injected)
    {
        var security = container["securityContext"] as JsonObject;

        // Compose writes inline configs and environment secrets into the container before it
        // starts and refuses to in a read-only one (docker/compose pkg/compose/secrets.go,
        // injectFileReferences): such a service keeps a writable root filesystem.
        if (security?["readOnlyRootFilesystem"]?.GetValue<bool>() == true && !injected)
        {
            service["read_only"] = true;
        }

        if (security?["capabilities"]?["drop"] is JsonArray drop)
        {
            service["cap_drop"] = drop.DeepClone();
        }

        if (security?["allowPrivilegeEscalation"]?.GetValue<bool>() == false)
        {
            service["security_opt"] = new JsonArray("no-new-privileges:true");
        }
    }

    private static ContainerMounts Mounts(PodFacts pod, JsonObject container)
    {
        var mounts = new ContainerMounts();
        foreach (var mount in (container["volumeMounts"] as JsonArray ?? []).Select(m => m!.AsObject()))
        {
            var volume = mount["name"]!.GetValue<string>();
            var path = mount["mountPath"]!.GetValue<string>();
            if (volume == NodeSetPlan.VolumeName)
            {
                mounts.Volumes.Add(StateMount(pod.Name, path));
                continue;
            }

            var source = pod.Volumes.TryGetValue(volume, out var found) ? found
                : throw new ComposeException($"node set '{pod.Name}': mount '{volume}' names no pod volume");
            if (source["configMap"]?["name"]?.GetValue<string>() == pod.PeersConfigMap)
            {
                mounts.Configs.Add(new JsonObject { ["source"] = ComposeNames.Peers(pod.Name), ["target"] = $"{path}/{ZcashdConfig.PeersFile}" });
                mounts.Injected = true;
            }
            else if (source["configMap"] is not null)
            {
                mounts.Configs.Add(new JsonObject { ["source"] = ComposeNames.Config(pod.Name), ["target"] = $"{path}/{pod.ConfigFile}" });
                mounts.Injected = true;
            }
            else if (source["emptyDir"] is not null)
            {
                mounts.Volumes.Add(new JsonObject { ["type"] = "tmpfs", ["target"] = path });
            }
            else if (source["secret"] is JsonObject secret)
            {
                // Root-owned, readable by the node's group only, as the pod's secret volume.
                var mode = secret["defaultMode"]?.GetValue<int>() ?? 0b110_100_100;
                mounts.Secrets.Add(new JsonObject
                {
                    ["source"] = ComposeNames.RpcPassword(pod.Name),
                    ["target"] = $"{path}/{NodePod.RpcPasswordKey}",
                    ["uid"] = "0",
                    ["gid"] = pod.FsGroup,
                    ["mode"] = "0" + Convert.ToString(mode, 8),
                });
                mounts.Injected = true;
            }
            else
            {
                throw new ComposeException($"node set '{pod.Name}': pod volume '{volume}' is of a kind with no Compose translation");
            }
        }

        return mounts;
    }

    private static JsonObject StateMount(string set, string target) => new()
    {
        ["type"] = "volume",
        ["source"] = ComposeNames.StateVolume(set),
        ["target"] = target,
    };

    private static JsonObject DependsOn(string service) => new() { [service] = new JsonObject { ["condition"] = Completed } };

    private static List<string> Strings(JsonNode? array) => [.. (array as JsonArray ?? []).Select(a => a!.GetValue<string>())];

    /// <summary>What the pod template says about the pod as a whole.</summary>
    private sealed class PodFacts(string name, JsonObject spec, string configFile, string peersConfigMap)
    {
        public string Name { get; } = name;

        public string ConfigFile { get; } = configFile;

        public string PeersConfigMap { get; } = peersConfigMap;

        public IReadOnlyDictionary<string, JsonObject> Volumes { get; } = (spec["volumes"] as JsonArray ?? [])
            .Select(v => v!.AsObject()).ToDictionary(v => v["name"]!.GetValue<string>(), StringComparer.Ordinal);

        public string RunAsUser { get; } = Id(spec, "runAsUser");

        public string FsGroup { get; } = Id(spec, "fsGroup");

        public string User => $"{RunAsUser}:{Id(spec, "runAsGroup")}";

        public int GraceSeconds { get; } = spec["terminationGracePeriodSeconds"]?.GetValue<int>() ?? 30;

        private static string Id(JsonObject spec, string key) =>
            spec["securityContext"]?[key]?.GetValue<long>().ToString(CultureInfo.InvariantCulture)
            ?? throw new ComposeException($"the pod template sets no securityContext.{key}");
    }

    /// <summary>A container's mounts as Compose volumes, configs and secrets.</summary>
    private sealed class ContainerMounts
    {
        public JsonArray Volumes { get; private init; } = [];

        public JsonArray Configs { get; private init; } = [];

        public JsonArray Secrets { get; private init; } = [];

        /// <summary>Compose must write a file into the container before it starts (inline config or environment secret).</summary>
        public bool Injected { get; set; }

        /// <summary>This container's mounts plus another's, each target once.</summary>
        public ContainerMounts Merge(ContainerMounts other)
        {
            var merged = new ContainerMounts { Injected = Injected || other.Injected };
            foreach (var (mine, theirs, into) in new[] { (Volumes, other.Volumes, merged.Volumes), (Configs, other.Configs, merged.Configs), (Secrets, other.Secrets, merged.Secrets) })
            {
                foreach (var entry in mine.Concat(theirs))
                {
                    if (!into.Any(e => e!["target"]!.GetValue<string>() == entry!["target"]!.GetValue<string>()))
                    {
                        into.Add(entry!.DeepClone());
                    }
                }
            }

            return merged;
        }
    }
}
