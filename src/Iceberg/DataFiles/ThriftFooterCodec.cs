using System.Reflection;
using FileMetaData = Parquet.Meta.FileMetaData;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>
/// Reads and writes the Thrift-encoded Parquet footer with Parquet.Net's own (internal) codec. Parquet.Net cannot put
/// field ids on group nodes (struct/list/map) nor write TIME with isAdjustedToUTC=false, both of which Iceberg needs,
/// so the writer patches the footer it produced. Parquet.Net is pinned centrally, so the internal members are stable;
/// if they move, this fails loudly rather than writing files without ids.
/// </summary>
internal static class ThriftFooterCodec
{
    private static readonly Assembly ParquetAssembly = typeof(FileMetaData).Assembly;
    private static readonly Type ReaderType = RequireType("Parquet.Meta.Proto.ThriftCompactProtocolReader");
    private static readonly Type WriterType = RequireType("Parquet.Meta.Proto.ThriftCompactProtocolWriter");
    private static readonly MethodInfo ReadMethod = typeof(FileMetaData).GetMethod("Read", BindingFlags.NonPublic | BindingFlags.Static, [ReaderType])
        ?? throw Missing("FileMetaData.Read");
    private static readonly MethodInfo WriteMethod = typeof(FileMetaData).GetMethod("Write", BindingFlags.NonPublic | BindingFlags.Instance, [WriterType])
        ?? throw Missing("FileMetaData.Write");

    public static FileMetaData Read(byte[] footer)
    {
        using var ms = new MemoryStream(footer, writable: false);
        var reader = Activator.CreateInstance(ReaderType, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance, null, [ms], null);
        return (FileMetaData)ReadMethod.Invoke(null, [reader])!;
    }

    public static byte[] Write(FileMetaData metadata)
    {
        using var ms = new MemoryStream();
        var writer = Activator.CreateInstance(WriterType, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance, null, [ms], null);
        WriteMethod.Invoke(metadata, [writer]);
        return ms.ToArray();
    }

    private static Type RequireType(string name) => ParquetAssembly.GetType(name) ?? throw Missing(name);

    private static InvalidOperationException Missing(string what) =>
        new($"Parquet.Net internal '{what}' was not found; the footer patch for Iceberg field ids needs updating for this Parquet.Net version.");
}
