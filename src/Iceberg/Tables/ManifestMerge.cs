using System.Globalization;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>
/// Keeps manifest lists short on tables with many commits (an event-driven table gets one every few seconds):
/// once a spec has <c>commit.manifest.min-count-to-merge</c> data manifests (default 100), they are merged into one
/// whose entries are EXISTING with their original snapshot ids and sequence numbers, as Iceberg's merge append does.
/// Older snapshots keep their own manifest lists, so incremental scans over them still find what each one added.
/// </summary>
internal static class ManifestMerge
{
    public const string MinCountProperty = "commit.manifest.min-count-to-merge";
    public const string EnabledProperty = "commit.manifest-merge.enabled";
    public const int DefaultMinCount = 100;

    public static async Task<(IReadOnlyList<ManifestFile> Manifests, IReadOnlyList<string> Written)> MergeIfNeededAsync(
        SnapshotUpdate update, Table current, IReadOnlyList<ManifestFile> manifests, CancellationToken cancellationToken)
    {
        var properties = current.Metadata.Properties;
        if (properties.TryGetValue(EnabledProperty, out var enabled) && enabled.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return (manifests, []);
        }

        var minCount = properties.TryGetValue(MinCountProperty, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 1
            ? n
            : DefaultMinCount;
        var result = new List<ManifestFile>(manifests.Where(m => m.Content != ManifestContent.Data));
        var written = new List<string>();
        foreach (var group in manifests.Where(m => m.Content == ManifestContent.Data).GroupBy(m => m.PartitionSpecId))
        {
            var list = group.ToList();
            if (list.Count < minCount)
            {
                result.AddRange(list);
                continue;
            }

            var entries = new List<ManifestEntry>();
            foreach (var manifest in list)
            {
                foreach (var entry in await ManifestIO.ReadManifestAsync(current.IO, manifest, current.Metadata, cancellationToken))
                {
                    if (entry.IsLive)
                    {
                        entries.Add(entry with { Status = ManifestEntryStatus.Existing });
                    }
                }
            }

            var merged = await update.WriteAttemptManifestAsync(current, current.Metadata.SpecById(group.Key), ManifestContent.Data, entries, cancellationToken);
            written.Add(merged.ManifestPath);
            result.Add(merged);
        }

        return (result, written);
    }
}
