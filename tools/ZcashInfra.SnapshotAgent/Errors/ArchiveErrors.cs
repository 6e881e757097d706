using System.Security.Cryptography;

namespace ZcashInfra.SnapshotAgent.Errors;

/// <summary>
/// Turns the low-level exceptions of a streaming pass into one-line agent errors that name the
/// archive (or the target volume) and carry the right exit code.
/// </summary>
public static class ArchiveErrors
{
    /// <summary>The agent error for <paramref name="error"/>; null to let it through unchanged.</summary>
    public static AgentException? Classify(Exception error, string archive, string? target)
    {
        if (error is AgentException)
        {
            return null;
        }

        if (DiskErrors.IsDiskFull(error))
        {
            return new AgentException(ExitCodes.Disk, $"no space left on {target ?? "the target volume"} while restoring {archive}; nothing was restored", error);
        }

        return error switch
        {
            InvalidDataException or FormatException or CryptographicException =>
                new AgentException(ExitCodes.Integrity, $"archive {archive} is corrupt or truncated: {error.Message}", error),
            EndOfStreamException =>
                new AgentException(ExitCodes.Integrity, $"archive {archive} is truncated: {error.Message}", error),
            UnauthorizedAccessException or IOException when target is not null =>
                new AgentException(ExitCodes.Disk, $"cannot write {target} while restoring {archive}: {error.Message}", error),
            _ => null,
        };
    }
}
