namespace ZcashInfra.Cluster;

/// <summary>
/// A cluster operation that failed for a reason a user can act on: one line naming the object,
/// the server's reason (Forbidden, NotFound, …) and its message. Never carries a token.
/// </summary>
public sealed class ClusterException : Exception
{
    public ClusterException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public ClusterException(string message, int? statusCode, string? reason, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    public ClusterException()
    {
    }

    /// <summary>The HTTP status the API server answered, when it answered.</summary>
    public int? StatusCode { get; }

    /// <summary>The Status object's <c>reason</c> (Forbidden, NotFound, AlreadyExists, …), when given.</summary>
    public string? Reason { get; }
}
