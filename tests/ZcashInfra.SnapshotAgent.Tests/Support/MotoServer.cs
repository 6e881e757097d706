using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ZcashInfra.SnapshotAgent.Tests.Support;

/// <summary>
/// A real S3 API: the moto server (<c>python3 -m moto.server</c>) on a free loopback port,
/// started once for the S3 tests and killed (by its own process id) afterwards. A machine without
/// moto fails these tests with a message saying so: they are never skipped.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private Process? _process;

    public Uri Endpoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("python3 is missing: the S3 tests need `python3 -m moto.server` (pip install 'moto[server]')", e);
        }

        var stderr = new System.Text.StringBuilder();
        _process.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto server exited with {_process.ExitCode}; the S3 tests need `python3 -m moto.server` (pip install 'moto[server]'): {stderr}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "moto-api/"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"moto server did not answer on {Endpoint} within 30 s: {stderr}");
            }

            await Task.Delay(100);
        }

        // The AWS SDK's default credential chain reads these; moto accepts any.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
