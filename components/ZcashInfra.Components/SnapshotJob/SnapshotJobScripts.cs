using System.Text;
using ZcashInfra.Components.NodeSet;
using ZcashInfra.Components.SnapshotAgent;
using ZcashInfra.Components.VolumeSnapshots;
using ZcashInfra.Components.Zcash;

namespace ZcashInfra.Components.SnapshotJob;

/// <summary>
/// The shell steps of a snapshot job (POSIX sh, present in the zebra, zcashd and agent images).
/// Each one exits non-zero when its step did not succeed, so the next init container never runs
/// and nothing is published.
/// </summary>
internal static class SnapshotJobScripts
{
    /// <summary>
    /// zebrad to the target: <c>[state] debug_stop_at_height</c> set through zebrad's environment
    /// override of its config (<c>ZEBRA_STATE__DEBUG_STOP_AT_HEIGHT</c>; the height is only known
    /// in the pod). zebrad flushes and exits 0 once that block is in its finalized state.
    /// </summary>
    public static string RunZebrad(SnapshotJobPlan plan) => Lines(
        "set -eu",
        $"ZEBRA_STATE__DEBUG_STOP_AT_HEIGHT=\"$(cat {plan.TargetFile})\"",
        "export ZEBRA_STATE__DEBUG_STOP_AT_HEIGHT",
        $"echo \"running zebrad until block $ZEBRA_STATE__DEBUG_STOP_AT_HEIGHT is final (the chain {ChainTiming.ZebraFinalizationDepth} blocks past it)\"",
        $"exec zebrad -c {plan.ConfigDir}/{plan.ConfigFile}");

    /// <summary>
    /// The clean-stop check: the stopped state's tip, read by <c>zebrad tip-height</c>, must reach
    /// the target; it becomes the snapshot's recorded height.
    /// </summary>
    public static string CheckZebrad(SnapshotJobPlan plan) => Lines(
        "set -eu",
        $"target=\"$(cat {plan.TargetFile})\"",
        $"tip=\"$(zebrad tip-height --cache-dir {plan.StateDirectory} --network {ZebradConfig.NetworkName(plan.Network)} | grep -E '^[0-9]+$' | tail -n 1 || true)\"",
        "if [ -z \"$tip\" ] || [ \"$tip\" -lt \"$target\" ]; then",
        "  echo \"not publishing: the stopped state's tip is ${tip:-unreadable}, below the target $target\" >&2",
        "  exit 1",
        "fi",
        $"printf '%s\\n' \"$tip\" > {plan.StateHeightFile}",
        "echo \"clean stop: the state's tip $tip reaches the target $target\"");

    /// <summary>
    /// zcashd to the target: poll <c>getblockchaininfo</c> over its local RPC (cookie auth), call
    /// <c>stop</c> once <c>blocks</c> reaches the target, and require zcashd to exit 0. The height
    /// read just before the stop is recorded (a lower bound: at most a block may follow it).
    /// </summary>
    public static string RunZcashd(SnapshotJobPlan plan)
    {
        var conf = $"-conf={plan.ConfigDir}/{plan.ConfigFile} -datadir={NodeImages.ZcashdDataDir}";
        return Lines(
            "set -eu",
            $"target=\"$(cat {plan.TargetFile})\"",
            $"zcashd {conf} &",
            "node=$!",
            "trap 'kill -TERM \"$node\" 2>/dev/null || true' TERM INT",
            "while kill -0 \"$node\" 2>/dev/null; do",
            $"  blocks=\"$(zcash-cli {conf} getblockchaininfo 2>/dev/null | sed -n 's/^ *\"blocks\": *\\([0-9][0-9]*\\).*/\\1/p' || true)\"",
            "  if [ -n \"$blocks\" ] && [ \"$blocks\" -ge \"$target\" ]; then",
            $"    printf '%s\\n' \"$blocks\" > {plan.StateHeightFile}",
            "    echo \"block $blocks reaches the target $target: stopping zcashd\"",
            $"    zcash-cli {conf} stop",
            "    break",
            "  fi",
            "  sleep 15",
            "done",
            "status=0",
            "wait \"$node\" || status=$?",
            $"if [ ! -s {plan.StateHeightFile} ]; then",
            "  echo \"not publishing: zcashd exited (status $status) before reaching block $target\" >&2",
            "  exit 1",
            "fi",
            "if [ \"$status\" -ne 0 ]; then",
            "  echo \"not publishing: zcashd stopped with status $status\" >&2",
            "  exit \"$status\"",
            "fi",
            $"echo \"zcashd stopped cleanly at block $(cat {plan.StateHeightFile})\"");
    }

    /// <summary>
    /// Pack and publish, in the agent's image: <c>create</c> at the confirmed height, then each
    /// <c>publish</c> in order (the bucket first, then IPFS when set up; the agent uploads the
    /// archive first and updates the index last, under its lock). A failing publish stops the
    /// script, so a later one never runs on a cut an earlier one refused.
    /// </summary>
    public static string PackAndPublish(SnapshotJobPlan plan, IReadOnlyList<string> create, IReadOnlyList<IReadOnlyList<string>> publishes)
    {
        ArgumentNullException.ThrowIfNull(publishes);
        var agent = ShellWords.Join(SnapshotAgentImage.Entrypoint);
        var lines = new List<string>
        {
            "set -eu",
            $"{SnapshotJobSteps.HeightWord[1..]}=\"$(cat {plan.StateHeightFile})\"",
            $"{SnapshotJobSteps.ArchiveWord[1..]}=\"{plan.ArchiveDir}/{plan.ArchiveFileName}\"",
            $"{agent} {ShellWords.Join(create)}",
        };
        for (var i = 0; i < publishes.Count; i++)
        {
            lines.Add((i == publishes.Count - 1 ? "exec " : string.Empty) + $"{agent} {ShellWords.Join(publishes[i])}");
        }

        return Lines([.. lines]);
    }

    /// <summary>The shell variable holding the claim the volume-snapshot step snapshots.</summary>
    public const string ClaimWord = "$claim";

    /// <summary>The shell variable holding the new VolumeSnapshot's name.</summary>
    public const string SnapshotNameWord = "$snapshot";

    /// <summary>The shell variable holding the height label.</summary>
    public const string HeightLabelWord = "$height_label";

    /// <summary>
    /// The volume-snapshot step: the names only known in the pod (the claim <c>&lt;pod&gt;-scratch</c>;
    /// the snapshot <c>&lt;series&gt;-h&lt;height&gt;-&lt;the pod's random suffix&gt;</c>, unique per run),
    /// <c>sync -f</c> of the state volume (syncfs: what the steps wrote reaches the disk the snapshot
    /// copies), then the agent.
    /// </summary>
    public static string VolumeSnapshot(SnapshotJobPlan plan, IReadOnlyList<string> command)
    {
        var agent = ShellWords.Join(SnapshotAgentImage.Entrypoint);
        return Lines(
            "set -eu",
            $"height=\"$(cat {plan.StateHeightFile})\"",
            $"{ClaimWord[1..]}=\"$POD_NAME-{SnapshotJobPod.ScratchVolume}\"",
            $"{SnapshotNameWord[1..]}=\"{plan.Series.Prefix}-h$height-${{POD_NAME##*-}}\"",
            $"{HeightLabelWord[1..]}=\"{VolumeSnapshotCommand.HeightLabel("$height")}\"",
            $"sync -f {plan.MountPath}",
            $"exec {agent} {ShellWords.Join(command)}");
    }

    private static string Lines(params string[] lines)
    {
        var script = new StringBuilder();
        foreach (var line in lines)
        {
            script.Append(line).Append('\n');
        }

        return script.ToString();
    }
}
