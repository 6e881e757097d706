using System.Collections.Concurrent;
using System.Collections.Immutable;
using Pulumi.Testing;

namespace ZcashInfra.Infra.Tests;

/// <summary>Pulumi mocks that record every registration and echo inputs back as state.</summary>
internal sealed class RecordingMocks : IMocks
{
    public ConcurrentQueue<MockResourceArgs> Registered { get; } = new();

    public IReadOnlyList<MockResourceArgs> Resources =>
        [.. Registered.Where(r => r.Type != "pulumi:pulumi:Stack")];

    public Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args)
    {
        Registered.Enqueue(args);
        return Task.FromResult<(string?, object)>((args.Name + "_id", args.Inputs));
    }

    public Task<object> CallAsync(MockCallArgs args) => Task.FromResult<object>(ImmutableDictionary<string, object>.Empty);
}
