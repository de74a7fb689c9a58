using System.Security.Cryptography;
using System.Text;

namespace OrleansMaestro.Silo.Database;

/// <summary>The PostgreSQL schema scripts embedded in the silo (src/Silo/Database/PostgreSQL/*.sql), in the order they apply.</summary>
internal static class SchemaScripts
{
    private const string Prefix = "OrleansMaestro.Silo.Database.PostgreSQL.";

    public static IReadOnlyList<SchemaScript> PostgreSql { get; } = Load();

    private static SchemaScript[] Load()
    {
        var assembly = typeof(SchemaScripts).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            // The numeric prefix (0001-, 0002-, ...) gives the order; ordinal order of the names keeps it.
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                // Line endings normalised so a checkout with CRLF does not look like an edited script.
                var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
                var id = name[Prefix.Length..^".sql".Length];
                return new SchemaScript(id, sql, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql))));
            })
            .ToArray();
    }
}
