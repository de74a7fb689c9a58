// The end-to-end classes start silo processes (and PostgreSQL); on a small machine two at once starve each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
