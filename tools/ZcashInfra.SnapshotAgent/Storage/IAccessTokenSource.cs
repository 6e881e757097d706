namespace ZcashInfra.SnapshotAgent.Storage;

/// <summary>An OAuth2 bearer token for the GCS XML API.</summary>
public interface IAccessTokenSource
{
    Task<string> GetTokenAsync(CancellationToken cancellationToken);
}
