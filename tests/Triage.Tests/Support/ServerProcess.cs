using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Triage.Tests.Support;

/// <summary>
/// The built desk as its own operating-system process (<c>dotnet Triage.Server.dll</c>, copied beside the test
/// assembly by the project reference) on a loopback port, over a data directory the caller owns: what a crash,
/// a restart or an admin verb does to the real server, which an in-process host cannot show.
/// Disposing kills whatever is still running, so a failing test leaves no server behind.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    /// <param name="settings">Configuration as environment variables (<c>Triage__RateLimits__ReportsPerMinute</c>), added to the defaults.</param>
    public ServerProcess(string dataDirectory, string environment = "Production", IReadOnlyDictionary<string, string>? settings = null)
    {
        DataDirectory = dataDirectory;
        Settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["DOTNET_ENVIRONMENT"] = environment,
            ["Triage__DataDirectory"] = dataDirectory,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
        };
        foreach (var (key, value) in TestDatabase.EnvironmentFor(dataDirectory)) Settings[key] = value!;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) Settings[key] = value;
    }

    public string DataDirectory { get; }
    public Dictionary<string, string> Settings { get; }
    public string DatabasePath => Path.Combine(DataDirectory, "triage.db");
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The server is not running.");

    /// <summary>The exit code of the last server process after it ended (137 after SIGKILL on Linux).</summary>
    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>The server's last lines of output, for a failure message.</summary>
    public string Log => string.Join('\n', _log);

    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "Triage.Server.dll");

    /// <summary>The host running the tests (testhost runs under dotnet), so the server gets the same runtime; else dotnet on PATH.</summary>
    private static string DotnetHost =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    /// <summary>Starts the server on a free loopback port and returns once <c>/health/ready</c> answers 200.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("The server is already running.");
        _process?.Dispose();
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var process = Start(["--urls", $"http://127.0.0.1:{port}"]);
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The server exited with {process.ExitCode} before it was ready:\n{Log}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The server was not ready after {ReadyTimeout}:\n{Log}");
    }

    /// <summary>
    /// Ends the server the way a power cut or the OOM killer would: <see cref="Process.Kill(bool)"/> sends SIGKILL on
    /// Unix, so no shutdown code, no flush and no finally block runs in the server.
    /// </summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Runs an admin verb (<c>users add</c>, <c>tokens issue</c>, <c>audit verify</c>) against the same data directory.</summary>
    public async Task<(int Exit, string Out, string Err)> RunVerbAsync(string stdin, params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(ReadyTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not finish in {ReadyTimeout}.");
        }
        return (process.ExitCode, await output, await errors);
    }

    private Process Start(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            // The content root: appsettings.json and seeds/ are copied here with the server.
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(ServerDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in Settings) start.Environment[key] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _log.Enqueue(line);
        while (_log.Count > 200) _log.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
