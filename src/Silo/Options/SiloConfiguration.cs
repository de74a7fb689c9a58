using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OrleansMaestro.Grains.Orchestration;
using OrleansMaestro.Silo.Demo;

namespace OrleansMaestro.Silo.Options;

/// <summary>
/// Binds and validates every section before the host is built. The silo's ports and paths configure Orleans itself,
/// so they must be known (and sane) before anything starts; checking all sections here also reports every bad
/// setting at once, by its key, instead of the first one a component happens to resolve.
/// </summary>
public static class SiloConfiguration
{
    /// <summary>The silo's options; throws <see cref="SiloConfigurationException"/> naming each bad key.</summary>
    public static MaestroSiloOptions Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var silo = Check(configuration, MaestroSiloOptions.Section, new MaestroSiloOptionsValidator(), errors);
        Check(configuration, OrchestrationOptions.Section, new OrchestrationOptionsValidator(), errors);
        Check(configuration, DemoOptions.Section, new DemoOptionsValidator(), errors);
        if (errors.Count > 0 || silo is null)
        {
            throw new SiloConfigurationException(errors);
        }

        return silo;
    }

    private static T? Check<T>(IConfiguration configuration, string section, IValidateOptions<T> validator, List<string> errors)
        where T : class, new()
    {
        T options;
        try
        {
            options = configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key and the value ("... value 'x' at 'Maestro:SiloPort' to type ...").
            errors.Add(e.Message);
            return null;
        }

        var result = validator.Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        if (result.Failed)
        {
            errors.AddRange(result.Failures);
            return null;
        }

        return options;
    }
}
