namespace OrleansMaestro.Grains.Steps;

/// <summary>Settings of <see cref="ShellStepRunner"/> (section <c>Maestro:Steps:Shell</c> by convention).</summary>
public sealed class ShellStepOptions
{
    /// <summary>The shell that runs the command with <c>-c</c>.</summary>
    public string Shell { get; set; } = "/bin/sh";

    /// <summary>Relative working directories resolve against this folder (default: the silo's current directory).</summary>
    public string? BaseDirectory { get; set; }

    /// <summary>How much of the end of stdout (the <c>stdout-tail</c> output) and stderr (in failure messages) is kept.</summary>
    public int TailCharacters { get; set; } = 4096;

    /// <summary>
    /// After the shell exits, how long to wait for its output streams to close. A background child that inherited
    /// them (<c>daemon &amp;</c>) keeps them open indefinitely; the step must not hang on it.
    /// </summary>
    public TimeSpan OutputDrainTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
