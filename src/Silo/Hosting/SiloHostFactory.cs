using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansMaestro.Silo.Database;
using OrleansMaestro.Silo.Demo;
using OrleansMaestro.Silo.Diagnostics;
using OrleansMaestro.Silo.Options;
using OrleansMaestro.Silo.Startup;

namespace OrleansMaestro.Silo.Hosting;

/// <summary>Builds the generic host: configuration, options, the Orleans silo and the services the command line asked for.</summary>
internal static class SiloHostFactory
{
    // The grains log every run; the demo prints each commit's whole journey instead, so they only speak up on trouble.
    private const string GrainsLogLevel = "Logging:LogLevel:OrleansMaestro.Grains";

    /// <summary>The host's builder (generic host plus Kestrel) with the silo's configuration sources: appsettings.json, then environment variables.</summary>
    public static WebApplicationBuilder CreateBuilder() => WebApplication.CreateBuilder(new WebApplicationOptions
    {
        // appsettings.json ships next to the binary; the data folder, not the content root, follows the current directory.
        ContentRootPath = AppContext.BaseDirectory,
    });

    /// <summary>Throws <see cref="SiloConfigurationException"/> naming every bad setting.</summary>
    public static WebApplication Build(SiloCommandLine commandLine)
    {
        var builder = CreateBuilder();
        var overrides = new Dictionary<string, string?>();
        if (commandLine.DataDirectory is { } data)
        {
            overrides[$"{MaestroSiloOptions.Section}:{nameof(MaestroSiloOptions.DataDirectory)}"] = data;
        }

        if (commandLine.Demo && builder.Configuration[GrainsLogLevel] is null)
        {
            overrides[GrainsLogLevel] = "Warning";
        }

        builder.Configuration.AddInMemoryCollection(overrides);

        var options = SiloConfiguration.Load(builder.Configuration);
        if (commandLine.PrintState && options.Profile == SiloProfile.Cluster)
        {
            throw new SiloConfigurationException(
                $"--print-state reads the embedded profile's state file; it is not available when {MaestroSiloOptions.Section}:Profile is Cluster.");
        }

        var paths = SiloPaths.Resolve(options, Environment.CurrentDirectory);
        builder.Services.AddSingleton(paths);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.Services.AddOptions<MaestroSiloOptions>().BindConfiguration(MaestroSiloOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MaestroSiloOptions>, MaestroSiloOptionsValidator>();
        builder.Services.AddSingleton<DemoOutcome>();

        builder.UseOrleans(silo => MaestroSiloSetup.Configure(silo, options, paths));
        SiloWebSetup.Configure(builder, options);

        // Hosted services start in registration order, all after the silo's.
        builder.Services.AddHostedService<StartupReport>();
        if (options.Profile == SiloProfile.Embedded)
        {
            builder.Services.AddSingleton<StoredWorkflows>();
            builder.Services.AddSingleton<WorkflowReactivator>();
            builder.Services.AddSingleton<IWorkflowReactivation>(sp => sp.GetRequiredService<WorkflowReactivator>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<WorkflowReactivator>());
        }
        else
        {
            builder.Services.AddSingleton<IWorkflowReactivation, ReminderReactivation>();
            builder.Services.AddSingleton<PostgresSchemaMigrator>();
        }

        if (commandLine.Demo)
        {
            builder.Services.AddSiloDemo(new DemoRunSettings(commandLine.DemoDuration));
        }

        if (commandLine.PrintState)
        {
            builder.Services.AddHostedService<StatePrinter>();
        }

        var app = builder.Build();
        SiloWebSetup.MapEndpoints(app);
        return app;
    }
}
