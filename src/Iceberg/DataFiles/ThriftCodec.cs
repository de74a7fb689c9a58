using System.Collections.Concurrent;
using System.Reflection;
using FileMetaData = Parquet.Meta.FileMetaData;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>
/// Reads and writes Thrift-encoded Parquet structures (the footer's <c>FileMetaData</c>, page headers) with Parquet.Net's
/// own (internal) codec. Parquet.Net cannot put field ids on group nodes (struct/list/map) nor write TIME with
/// isAdjustedToUTC=false, both of which Iceberg needs, so the writer patches the footer it produced; and it cannot read
/// DATA_PAGE_V2 pages of lists and maps, so <see cref="DataPageV2Rewriter"/> re-frames them. Parquet.Net is pinned
/// centrally, so the internal members are stable; if they move, this fails loudly rather than writing files without ids.
/// </summary>
internal static class ThriftCodec
{
    private static readonly Assembly ParquetAssembly = typeof(FileMetaData).Assembly;
    private static readonly Type ReaderType = RequireType("Parquet.Meta.Proto.ThriftCompactProtocolReader");
    private static readonly Type WriterType = RequireType("Parquet.Meta.Proto.ThriftCompactProtocolWriter");
    private static readonly ConcurrentDictionary<Type, (MethodInfo Read, MethodInfo Write)> Methods = new();

    /// <summary>Reads one <typeparamref name="T"/> from the stream's position, leaving the stream just after it.</summary>
    public static T Read<T>(Stream stream)
    {
        var reader = Activator.CreateInstance(ReaderType, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance, null, [stream], null);
        return (T)MethodsOf(typeof(T)).Read.Invoke(null, [reader])!;
    }

    public static T Read<T>(byte[] bytes)
    {
        using var ms = new MemoryStream(bytes, writable: false);
        return Read<T>(ms);
    }

    public static void Write<T>(T value, Stream stream)
    {
        var writer = Activator.CreateInstance(WriterType, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance, null, [stream], null);
        MethodsOf(typeof(T)).Write.Invoke(value, [writer]);
    }

    public static byte[] Write<T>(T value)
    {
        using var ms = new MemoryStream();
        Write(value, ms);
        return ms.ToArray();
    }

    private static (MethodInfo Read, MethodInfo Write) MethodsOf(Type type) => Methods.GetOrAdd(type, t => (
        t.GetMethod("Read", BindingFlags.NonPublic | BindingFlags.Static, [ReaderType]) ?? throw Missing($"{t.Name}.Read"),
        t.GetMethod("Write", BindingFlags.NonPublic | BindingFlags.Instance, [WriterType]) ?? throw Missing($"{t.Name}.Write")));

    private static Type RequireType(string name) => ParquetAssembly.GetType(name) ?? throw Missing(name);

    private static InvalidOperationException Missing(string what) =>
        new($"Parquet.Net internal '{what}' was not found; the Thrift codec needs updating for this Parquet.Net version.");
}
