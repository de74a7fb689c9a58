namespace OrleansMaestro.Iceberg.DataFiles;

internal enum FileNodeKind
{
    Primitive,
    Struct,
    List,
    Map,
}
