using System.CommandLine;
using ZcashInfra.SnapshotAgent.Storage;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary>How publish splits a large archive into parts uploaded at once: S3 multipart and GCS parallel composite uploads alike.</summary>
internal sealed class UploadOptions
{
    public Option<int> Connections { get; } = OptionRules.AtLeast(new Option<int>("--upload-connections") { Description = "Parts of a large archive uploaded at once (S3 multipart, GCS parallel composite upload). 1 on gs:// keeps the sequential resumable upload.", DefaultValueFactory = _ => UploadTuning.DefaultConnections }, 1);

    public Option<long> PartBytes { get; } = OptionRules.AtLeast(new Option<long>("--upload-part-bytes") { Description = $"Bytes per part, and the archive size from which an upload is split (at least {UploadTuning.MinPartBytes}, S3's smallest part); grows when an archive would need more than 9000 parts.", DefaultValueFactory = _ => UploadTuning.DefaultPartBytes }, UploadTuning.MinPartBytes);

    public void AddTo(Command command)
    {
        command.Options.Add(Connections);
        command.Options.Add(PartBytes);
    }

    public UploadTuning Read(ParseResult result) => new(result.GetValue(Connections), result.GetValue(PartBytes));
}
