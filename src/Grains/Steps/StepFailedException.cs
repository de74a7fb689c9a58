namespace OrleansMaestro.Grains.Steps;

/// <summary>A step attempt failed for a reason the step itself reports (exit code, HTTP status, SQL error, ...).</summary>
public sealed class StepFailedException : Exception
{
    public StepFailedException()
    {
    }

    public StepFailedException(string message)
        : base(message)
    {
    }

    public StepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
