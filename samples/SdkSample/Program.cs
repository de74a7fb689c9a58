using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansMaestro.Client.Configuration;
using OrleansMaestro.Samples.SdkSample;

// A .NET service that drives OrleansMaestro through the SDK. Settings: appsettings.json, then environment variables
// (Maestro__Client__Http__BaseAddress, Sample__DataDirectory, ...), then the command line (--Sample:Rows=10).
// appsettings.json is read from beside the program, so it can be started from any folder (relative paths in the
// settings, such as Sample:DataDirectory, are still taken from the current folder).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddMaestroClient(builder.Configuration.GetSection(MaestroClientOptions.Section));
builder.Services.AddOptions<SampleOptions>().Bind(builder.Configuration.GetSection(SampleOptions.Section));
builder.Services.AddSingleton<SampleRun>();

using var host = builder.Build();
try
{
    // Starting the host validates the client's settings and, for the Orleans transport, connects to the cluster.
    await host.StartAsync();
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine($"configuration: {string.Join(" ", e.Failures)}");
    return SampleRun.Error;
}

var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
var exitCode = await host.Services.GetRequiredService<SampleRun>().RunAsync(lifetime.ApplicationStopping);
await host.StopAsync();
return exitCode;
