using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;
using ZcashInfra.SnapshotAgent.Model;
using ZcashInfra.SnapshotAgent.Storage;

namespace ZcashInfra.SnapshotAgent.Publish;

/// <summary>
/// One publisher per network at a time: a lock object created only-if-absent, holding its owner and
/// an expiry. A lock whose holder died is taken over after it expires, with a conditional write on
/// the stale version so two contenders cannot both take it over.
/// </summary>
public sealed class PublishLock : IAsyncDisposable
{
    private readonly IObjectStore _store;
    private readonly string _key;
    private readonly AgentLog _log;
    private bool _released;

    private PublishLock(IObjectStore store, string key, string owner, AgentLog log)
    {
        _store = store;
        _key = key;
        Owner = owner;
        _log = log;
    }

    public string Owner { get; }

    public static async Task<PublishLock> AcquireAsync(IObjectStore store, string key, string owner, TimeSpan ttl, TimeSpan wait, AgentLog log, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + wait;
        var poll = TimeSpan.FromMilliseconds(Math.Clamp(wait.TotalMilliseconds / 20, 50, 5000));
        while (true)
        {
            var now = time.GetUtcNow();
            var record = SnapshotJson.WriteLock(new PublishLockRecord(owner, now, now + ttl));
            if (await store.PutTextAsync(key, record, WriteCondition.Absent, cancellationToken).ConfigureAwait(false))
            {
                log.Info($"acquired publish lock {store.Describe(key)} as {owner}");
                return new PublishLock(store, key, owner, log);
            }

            var current = await store.GetTextAsync(key, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                continue; // released between our two calls
            }

            var holder = TryParse(current.Content);
            if (holder is null || holder.ExpiresAt <= now)
            {
                if (await store.PutTextAsync(key, record, WriteCondition.Matches(current.Version), cancellationToken).ConfigureAwait(false))
                {
                    log.Warn($"took over the expired publish lock {store.Describe(key)} (held by {holder?.Owner ?? "an unreadable record"})");
                    return new PublishLock(store, key, owner, log);
                }

                continue;
            }

            if (now >= deadline)
            {
                throw new AgentException(ExitCodes.Conflict, $"another publisher holds {store.Describe(key)}: {holder.Owner} until {holder.ExpiresAt:u}; try again later");
            }

            await Task.Delay(poll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static PublishLockRecord? TryParse(string content)
    {
        try
        {
            return SnapshotJson.ParseLock(content);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Deletes the lock if it is still ours (an expired lock may have been taken over).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        var current = await _store.GetTextAsync(_key, CancellationToken.None).ConfigureAwait(false);
        if (current is not null && TryParse(current.Content)?.Owner == Owner)
        {
            await _store.DeleteAsync(_key, CancellationToken.None).ConfigureAwait(false);
            _log.Info($"released publish lock {_store.Describe(_key)}");
        }
        else
        {
            _log.Warn($"publish lock {_store.Describe(_key)} was no longer ours at release (it expired and was taken over)");
        }
    }
}
