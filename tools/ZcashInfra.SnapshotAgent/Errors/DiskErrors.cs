namespace ZcashInfra.SnapshotAgent.Errors;

/// <summary>Recognises "no space left on device" among I/O errors so it gets its own exit code.</summary>
public static class DiskErrors
{
    /// <summary>Linux ENOSPC and EDQUOT: both mean the volume cannot take more data.</summary>
    private const int Enospc = 28;
    private const int Edquot = 122;

    /// <summary>True when <paramref name="error"/> (or an inner exception) is an out-of-space error.</summary>
    public static bool IsDiskFull(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is IOException io && ((io.HResult & 0xFFFF) is Enospc or Edquot || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
