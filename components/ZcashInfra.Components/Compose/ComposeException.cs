namespace ZcashInfra.Components.Compose;

/// <summary>A stack that cannot be rendered as a Compose file (a refused mainnet set, clashing names).</summary>
public sealed class ComposeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ComposeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ComposeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ComposeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
