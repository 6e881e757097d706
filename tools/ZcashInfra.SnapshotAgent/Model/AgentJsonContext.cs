using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZcashInfra.SnapshotAgent.Model;

/// <summary>
/// Source-generated JSON for every document the agent reads or writes (no reflection at run
/// time). snake_case to match the Foundation's index.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(List<SnapshotIndexEntry>))]
[JsonSerializable(typeof(SnapshotManifest))]
[JsonSerializable(typeof(RestoreMarker))]
[JsonSerializable(typeof(PublishLockRecord))]
[JsonSerializable(typeof(RestoreJournal))]
internal sealed partial class AgentJsonContext : JsonSerializerContext
{
}
