using Spectre.Console;

namespace OrleansMaestro.Silo.Demo;

/// <summary>
/// The demo's own output on stdout (logs go to stderr): colored in a terminal, plain one-line text when redirected, so
/// a pipe or a test reads whole lines that Spectre never wrapped at an assumed console width.
/// </summary>
internal sealed class DemoConsole
{
    private readonly bool _plain = Console.IsOutputRedirected;

    public static string Escape(string text) => Markup.Escape(text);

    public void Line(string markup)
    {
        if (_plain)
        {
            Console.Out.WriteLine(Markup.Remove(markup));
        }
        else
        {
            AnsiConsole.MarkupLine(markup);
        }
    }
}
