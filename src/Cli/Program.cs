using OrleansMaestro.Cli.Commands;

namespace OrleansMaestro.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Let the running command stop cleanly (nothing half-committed) instead of killing the process.
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await new MaestroApp(CliContext.FromProcess()).RunAsync(args, cancellation.Token);
    }
}
