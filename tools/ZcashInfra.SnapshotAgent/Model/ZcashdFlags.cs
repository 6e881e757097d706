using System.Text.Json.Serialization;

namespace ZcashInfra.SnapshotAgent.Model;

/// <summary>
/// The zcashd index flags a snapshot was built with. A node started with different ones reindexes
/// from genesis, so a snapshot is compatible only when all three match.
/// </summary>
public sealed record ZcashdFlags(
    [property: JsonPropertyName("txindex")] bool TxIndex,
    [property: JsonPropertyName("insightexplorer")] bool InsightExplorer,
    [property: JsonPropertyName("lightwalletd")] bool LightWalletd)
{
    public override string ToString() => $"txindex={Bit(TxIndex)} insightexplorer={Bit(InsightExplorer)} lightwalletd={Bit(LightWalletd)}";

    private static int Bit(bool value) => value ? 1 : 0;
}
