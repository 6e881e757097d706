using System.Globalization;
using System.Text.RegularExpressions;

namespace ZcashInfra.Components.Zcash;

/// <summary>
/// Release versions (image tags) and the on-disk state format each one reads. A zebrad state
/// only loads into a zebrad with the same database major version; a mismatch silently syncs from
/// genesis (zebra <c>zebra-state/src/constants.rs</c>; Zebra book <c>user/snapshots.md</c>), so the major is checked before a
/// snapshot is restored.
/// </summary>
public static partial class NodeVersions
{
    /// <summary>
    /// zcashd's databases carry no version a user sees; its snapshots record this fixed state
    /// format so the agent's compatibility check (which needs a number) means the same thing when
    /// a snapshot is made and when it is restored. Bump it if zcashd's on-disk layout changes.
    /// </summary>
    public const int ZcashdStateFormat = 1;

    /// <summary>
    /// zebrad database majors by zebrad major version: 27 before 6.0, 28 in 6.x (zebra <c>zebra-state/src/constants.rs</c> at each release), 29 from
    /// 7.0.0 (Zebra book <c>dev/state-db-upgrades.md</c>: "Zebra 7.0.0 implements format 29.0.0";
    /// 7.2.0 moves to 29.2.0, the same major). zebrad 7 moves a v28 state to v29 on its first start
    /// without a resync, and zebrad 6 cannot read v29 (zebra v7.0.0 release notes).
    /// </summary>
    private static readonly IReadOnlyDictionary<int, int> ZebraDbMajors = new Dictionary<int, int>
    {
        [5] = 27,
        [6] = 28,
        [7] = 29,
    };

    /// <summary>The release's major version, or null when it is not a release version (e.g. <c>latest</c>).</summary>
    public static int? Major(string version)
    {
        var match = Release().Match(version);
        return match.Success ? int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>True for a release version such as <c>6.3.0</c> or <c>v6.20.0</c> (optionally with a pre-release suffix).</summary>
    public static bool IsRelease(string version) => Release().IsMatch(version);

    /// <summary>The database major zebrad <paramref name="version"/> reads, or null when this release does not know it.</summary>
    public static int? ZebraDbMajor(string version) =>
        Major(version) is { } major && ZebraDbMajors.TryGetValue(major, out var db) ? db : null;

    /// <summary>The state format number a node of this implementation and version restores (see <see cref="ZcashdStateFormat"/>).</summary>
    public static int? DbMajor(NodeImplementation implementation, string version) =>
        implementation == NodeImplementation.Zcashd ? ZcashdStateFormat : ZebraDbMajor(version);

    [GeneratedRegex(@"^v?(?<major>\d+)\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex Release();
}
