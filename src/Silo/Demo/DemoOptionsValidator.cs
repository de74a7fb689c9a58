using Microsoft.Extensions.Options;

namespace OrleansMaestro.Silo.Demo;

public sealed class DemoOptionsValidator : IValidateOptions<DemoOptions>
{
    private const string S = DemoOptions.Section;

    public ValidateOptionsResult Validate(string? name, DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.BatchInterval <= TimeSpan.Zero)
        {
            errors.Add($"{S}:BatchInterval must be a positive duration (got {options.BatchInterval}).");
        }

        if (options.BatchRows is < 1 or > 1_000_000)
        {
            errors.Add($"{S}:BatchRows must be between 1 and 1000000 (got {options.BatchRows}).");
        }

        if (options.EventWindow <= TimeSpan.Zero)
        {
            errors.Add($"{S}:EventWindow must be a positive duration (got {options.EventWindow}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
