using System.Net;
using ZcashInfra.SnapshotAgent.Download;
using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Storage;
using ZcashInfra.SnapshotAgent.Tests.Support;

namespace ZcashInfra.SnapshotAgent.Tests;

/// <summary>How a pod gets its GCS token: GOOGLE_OAUTH_ACCESS_TOKEN, else the (GKE Workload Identity) metadata server, cached.</summary>
public class GoogleAccessTokenSourceTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public async Task MetadataToken_IsFetchedWithTheFlavorHeader_AndReused()
    {
        await using var metadata = await FakeMetadataServer.StartAsync();
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var source = new GoogleAccessTokenSource(http, metadata.TokenUrl, NoEnvironment);

        var first = await source.GetTokenAsync(CancellationToken.None);
        var second = await source.GetTokenAsync(CancellationToken.None);

        Assert.Equal("metadata-token-1", first);
        Assert.Equal("metadata-token-1", second);
        Assert.Equal(["Google"], metadata.Requests);
    }

    [Fact]
    public async Task MetadataToken_IsRenewedShortlyBeforeItExpires()
    {
        await using var metadata = await FakeMetadataServer.StartAsync();
        metadata.ExpiresInSeconds = 600;
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var clock = new ManualTime(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
        var source = new GoogleAccessTokenSource(http, metadata.TokenUrl, NoEnvironment, clock);

        Assert.Equal("metadata-token-1", await source.GetTokenAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(600) - GoogleAccessTokenSource.RenewBeforeExpiry - TimeSpan.FromSeconds(1));
        Assert.Equal("metadata-token-1", await source.GetTokenAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("metadata-token-2", await source.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, metadata.Requests.Count);
    }

    [Fact]
    public async Task EnvironmentToken_WinsWithoutAskingTheMetadataServer()
    {
        await using var metadata = await FakeMetadataServer.StartAsync();
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var source = new GoogleAccessTokenSource(http, metadata.TokenUrl, name => name == GoogleAccessTokenSource.EnvironmentVariable ? "from-environment" : null);

        Assert.Equal("from-environment", await source.GetTokenAsync(CancellationToken.None));
        Assert.Empty(metadata.Requests);
    }

    [Fact]
    public async Task MetadataServerRefusing_IsAFinalErrorThatPointsAtWorkloadIdentity()
    {
        await using var metadata = await FakeMetadataServer.StartAsync();
        metadata.FailWith = HttpStatusCode.NotFound;
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var source = new GoogleAccessTokenSource(http, metadata.TokenUrl, NoEnvironment);

        var error = await Assert.ThrowsAsync<AgentException>(() => source.GetTokenAsync(CancellationToken.None));

        Assert.Equal(ExitCodes.Network, error.ExitCode);
        Assert.Equal($"metadata server {metadata.TokenUrl} refused an access token (HTTP 404): is the pod's Kubernetes service account bound to a Google service account (Workload Identity)? Outside GCP, set GOOGLE_OAUTH_ACCESS_TOKEN", error.Message);
    }

    [Fact]
    public async Task MetadataServer5xx_IsAnHttpErrorTheReaderRetries()
    {
        await using var metadata = await FakeMetadataServer.StartAsync();
        metadata.FailWith = HttpStatusCode.ServiceUnavailable;
        using var http = AgentHttp.Create(TimeSpan.FromSeconds(5));
        var source = new GoogleAccessTokenSource(http, metadata.TokenUrl, NoEnvironment);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => source.GetTokenAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }
}
