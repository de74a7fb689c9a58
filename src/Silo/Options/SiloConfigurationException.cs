namespace OrleansMaestro.Silo.Options;

/// <summary>Settings the silo cannot start with; <see cref="Errors"/> name the configuration keys.</summary>
public sealed class SiloConfigurationException : Exception
{
    public SiloConfigurationException(IReadOnlyList<string> errors)
        : base("Invalid configuration: " + string.Join(" ", errors))
    {
        Errors = errors;
    }

    public SiloConfigurationException()
        : this([])
    {
    }

    public SiloConfigurationException(string message)
        : this([message])
    {
    }

    public SiloConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; } = [];
}
