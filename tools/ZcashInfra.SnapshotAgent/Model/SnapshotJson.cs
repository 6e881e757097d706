using System.Text.Json;

namespace ZcashInfra.SnapshotAgent.Model;

/// <summary>Reads and writes the agent's JSON documents with the source-generated contract.</summary>
public static class SnapshotJson
{
    public static List<SnapshotIndexEntry> ParseIndex(string json) =>
        JsonSerializer.Deserialize(json, AgentJsonContext.Default.ListSnapshotIndexEntry)
        ?? throw new JsonException("index is JSON null, expected an array");

    public static string WriteIndex(IReadOnlyList<SnapshotIndexEntry> entries) =>
        JsonSerializer.Serialize(entries.ToList(), AgentJsonContext.Default.ListSnapshotIndexEntry) + "\n";

    public static SnapshotManifest ParseManifest(string json) =>
        JsonSerializer.Deserialize(json, AgentJsonContext.Default.SnapshotManifest)
        ?? throw new JsonException("manifest is JSON null");

    public static string WriteManifest(SnapshotManifest manifest) =>
        JsonSerializer.Serialize(manifest, AgentJsonContext.Default.SnapshotManifest) + "\n";

    public static RestoreMarker ParseMarker(string json) =>
        JsonSerializer.Deserialize(json, AgentJsonContext.Default.RestoreMarker)
        ?? throw new JsonException("marker is JSON null");

    public static string WriteMarker(RestoreMarker marker) =>
        JsonSerializer.Serialize(marker, AgentJsonContext.Default.RestoreMarker) + "\n";

    public static PublishLockRecord? ParseLock(string json) =>
        JsonSerializer.Deserialize(json, AgentJsonContext.Default.PublishLockRecord);

    public static string WriteLock(PublishLockRecord record) =>
        JsonSerializer.Serialize(record, AgentJsonContext.Default.PublishLockRecord);

    public static RestoreJournal ParseJournal(string json) =>
        JsonSerializer.Deserialize(json, AgentJsonContext.Default.RestoreJournal)
        ?? throw new JsonException("journal is JSON null");

    public static string WriteJournal(RestoreJournal journal) =>
        JsonSerializer.Serialize(journal, AgentJsonContext.Default.RestoreJournal);
}
