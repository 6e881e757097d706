using ZcashInfra.SnapshotAgent.Errors;
using ZcashInfra.SnapshotAgent.Logging;

namespace ZcashInfra.SnapshotAgent.Cli;

/// <summary>
/// Runs one command body and turns its outcome into an exit code: <see cref="AgentException"/>
/// keeps its code, anything else is <see cref="ExitCodes.Failed"/>. Either way the failure is one
/// line on stderr (and in the log), naming the URL or file.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(AgentContext context, string command, Func<AgentLog, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var log = new AgentLog(context.Out, context.Time);
        try
        {
            return await body(log, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested)
        {
            // Whatever the cancellation surfaced as (a cancelled read, a disposed stream), the cause is the signal.
            return Fail(context, log, command, e is OperationCanceledException ? "cancelled by SIGTERM/SIGINT" : $"cancelled by SIGTERM/SIGINT ({e.GetType().Name}: {e.Message})", ExitCodes.Cancelled);
        }
        catch (AgentException e)
        {
            return Fail(context, log, command, e.Message, e.ExitCode);
        }
        catch (Exception e) when (ArchiveErrors.Classify(e, "the archive", null) is { } classified)
        {
            return Fail(context, log, command, classified.Message, classified.ExitCode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or ArgumentException or Amazon.Runtime.AmazonServiceException)
        {
            return Fail(context, log, command, $"{e.GetType().Name}: {e.Message}", ExitCodes.Failed);
        }
        catch (Exception e)
        {
            // A bug: keep the stack in the log, still one line on stderr.
            log.Error(e.ToString());
            return Fail(context, log, command, $"unexpected {e.GetType().Name}: {e.Message}", ExitCodes.Failed);
        }
    }

    private static int Fail(AgentContext context, AgentLog log, string command, string message, int code)
    {
        log.Error($"{command} failed (exit {code}): {message}");
        context.Error.WriteLine($"{command}: {message}");
        context.Error.Flush();
        return code;
    }
}
