using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OrleansMaestro.Silo.Demo;

internal static class DemoRegistration
{
    public static IServiceCollection AddSiloDemo(this IServiceCollection services, DemoRunSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<DemoConsole>();
        services.AddSingleton<SampleWorkflows>();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DemoOptions>, DemoOptionsValidator>();
        services.AddHostedService<DemoService>();
        return services;
    }
}
