namespace ZcashInfra.Components.Graph;

/// <summary>A graph that Pulumi could not register (duplicate names, dangling references, bad inputs).</summary>
public sealed class GraphException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GraphException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GraphException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public GraphException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
