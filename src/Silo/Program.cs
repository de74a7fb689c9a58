using System.CommandLine;
using OrleansMaestro.Silo.Hosting;

namespace OrleansMaestro.Silo;

internal static class Program
{
    public static Task<int> Main(string[] args) =>
        SiloCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration
        {
            // The generic host handles Ctrl+C and SIGTERM and shuts the silo down gracefully; System.CommandLine's own
            // handler would end the process after a fixed timeout, possibly mid-shutdown.
            ProcessTerminationTimeout = null,
        });
}
