using Microsoft.Extensions.Options;
using OrleansMaestro.Grains.Orchestration;

namespace OrleansMaestro.Silo.Options;

/// <summary>Rejects grain timings that would spin or never fire, naming the <c>Maestro:Orchestration</c> key.</summary>
public sealed class OrchestrationOptionsValidator : IValidateOptions<OrchestrationOptions>
{
    private const string S = OrchestrationOptions.Section;

    public ValidateOptionsResult Validate(string? name, OrchestrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Positive(errors, nameof(options.TablePollInterval), options.TablePollInterval);
        Positive(errors, nameof(options.WorkflowReconcileInterval), options.WorkflowReconcileInterval);
        Positive(errors, nameof(options.KeepAlivePeriod), options.KeepAlivePeriod);
        Positive(errors, nameof(options.RunPollInterval), options.RunPollInterval);
        if (options.MaxLostAttempts < 1)
        {
            errors.Add($"{S}:{nameof(options.MaxLostAttempts)} must be at least 1 (got {options.MaxLostAttempts}).");
        }

        if (options.RunHistory < 1)
        {
            errors.Add($"{S}:{nameof(options.RunHistory)} must be at least 1 (got {options.RunHistory}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{S}:{key} must be a positive duration (got {value}).");
        }
    }
}
