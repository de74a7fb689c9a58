namespace OrleansMaestro.Silo.Options;

/// <summary>Checks <c>Maestro:Http:Auth</c> (and the API's own <c>Maestro:Http</c> settings); each message names the key to fix and never shows a key's value.</summary>
internal static class HttpAuthValidation
{
    private const string A = MaestroSiloOptions.Section + ":Http:Auth";

    public static void Check(MaestroSiloOptions options, List<string> errors)
    {
        if (options.Http.EventKeepAlive <= TimeSpan.Zero)
        {
            errors.Add($"{MaestroSiloOptions.Section}:Http:EventKeepAlive must be a positive duration (got {options.Http.EventKeepAlive}).");
        }

        var auth = options.Http.Auth;
        var seenNames = new HashSet<string>(StringComparer.Ordinal);
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < auth.ApiKeys.Count; i++)
        {
            var key = auth.ApiKeys[i];
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                errors.Add($"{A}:ApiKeys:{i}:Name must not be empty.");
            }
            else if (!seenNames.Add(key.Name))
            {
                errors.Add($"{A}:ApiKeys:{i}:Name '{key.Name}' is used by another key.");
            }

            if (key.Key.Length < ApiKeySettings.MinKeyLength || string.IsNullOrWhiteSpace(key.Key))
            {
                errors.Add($"{A}:ApiKeys:{i}:Key must be at least {ApiKeySettings.MinKeyLength} characters (it has {key.Key.Length}).");
            }
            else if (!seenKeys.Add(key.Key))
            {
                errors.Add($"{A}:ApiKeys:{i}:Key is the same as another key's.");
            }

            if (!Enum.IsDefined(key.Access))
            {
                errors.Add($"{A}:ApiKeys:{i}:Access must be ReadWrite or ReadOnly.");
            }
        }

        if (auth.IsEnabled(options) && auth.ApiKeys.Count == 0)
        {
            var why = auth.Enabled is null ? $"it is on by default when {MaestroSiloOptions.Section}:Profile is Cluster" : $"{A}:Enabled is true";
            errors.Add($"{A}:ApiKeys needs at least one key ({why}); set {A}:ApiKeys:0:Name and {A}:ApiKeys:0:Key, or {A}:Enabled=false.");
        }
    }
}
