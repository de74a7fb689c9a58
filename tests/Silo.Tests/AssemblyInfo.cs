// Each test starts a silo process that runs DuckDB and Parquet work; on a small machine two at once starve each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
