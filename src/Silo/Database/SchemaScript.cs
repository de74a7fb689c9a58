namespace OrleansMaestro.Silo.Database;

/// <summary>One numbered schema script.</summary>
/// <param name="Id">The file name without extension, e.g. <c>0002-PostgreSQL-Clustering</c>; recorded once applied.</param>
/// <param name="Sql">The script's text.</param>
/// <param name="Checksum">SHA-256 of the text (hex), recorded when applied so a script edited after release is noticed.</param>
internal sealed record SchemaScript(string Id, string Sql, string Checksum);
