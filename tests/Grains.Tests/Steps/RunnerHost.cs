using Microsoft.Extensions.DependencyInjection;
using OrleansMaestro.Grains.Steps;

namespace OrleansMaestro.Grains.Tests.Steps;

/// <summary>A service provider set up as a silo would: <c>AddMaestroStepRunners()</c> plus whatever the test adds.</summary>
internal static class RunnerHost
{
    public static ServiceProvider Build(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        configure?.Invoke(services);
        services.AddMaestroStepRunners();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
    }

    public static IStepRunner Runner(this IServiceProvider services, string stepType) =>
        services.GetServices<IStepRunner>().Single(r => r.StepType == stepType);
}
