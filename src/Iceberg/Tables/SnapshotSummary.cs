using System.Globalization;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>
/// Builds a snapshot summary (spec: "Optional Snapshot Summary Fields"): the changes of this snapshot and totals
/// carried forward from the parent's summary, plus caller-supplied keys such as the orchestration's <c>maestro.*</c> markers.
/// </summary>
internal static class SnapshotSummary
{
    public static Dictionary<string, string> Build(
        string operation,
        IReadOnlyCollection<DataFile> added,
        IReadOnlyCollection<DataFile> removed,
        Snapshot? parent,
        IReadOnlyDictionary<string, string> extra)
    {
        var summary = new Dictionary<string, string>(StringComparer.Ordinal) { ["operation"] = operation };
        var addedData = added.Where(f => f.Content == DataFileContent.Data).ToArray();
        var addedDeletes = added.Where(f => f.Content != DataFileContent.Data).ToArray();
        var removedData = removed.Where(f => f.Content == DataFileContent.Data).ToArray();
        var removedDeletes = removed.Where(f => f.Content != DataFileContent.Data).ToArray();

        Put(summary, "added-data-files", addedData.Length);
        Put(summary, "added-records", addedData.Sum(f => f.RecordCount));
        Put(summary, "added-files-size", added.Sum(f => f.FileSizeInBytes));
        Put(summary, "added-delete-files", addedDeletes.Length);
        Put(summary, "added-position-deletes", addedDeletes.Where(f => f.Content == DataFileContent.PositionDeletes).Sum(f => f.RecordCount));
        Put(summary, "added-equality-deletes", addedDeletes.Where(f => f.Content == DataFileContent.EqualityDeletes).Sum(f => f.RecordCount));
        Put(summary, "deleted-data-files", removedData.Length);
        Put(summary, "deleted-records", removedData.Sum(f => f.RecordCount));
        Put(summary, "removed-files-size", removed.Sum(f => f.FileSizeInBytes));
        Put(summary, "removed-delete-files", removedDeletes.Length);

        Total(summary, parent, "total-data-files", addedData.Length - removedData.Length);
        Total(summary, parent, "total-records", addedData.Sum(f => f.RecordCount) - removedData.Sum(f => f.RecordCount));
        Total(summary, parent, "total-files-size", added.Sum(f => f.FileSizeInBytes) - removed.Sum(f => f.FileSizeInBytes));
        Total(summary, parent, "total-delete-files", addedDeletes.Length - removedDeletes.Length);
        Total(summary, parent, "total-position-deletes",
            addedDeletes.Where(f => f.Content == DataFileContent.PositionDeletes).Sum(f => f.RecordCount)
            - removedDeletes.Where(f => f.Content == DataFileContent.PositionDeletes).Sum(f => f.RecordCount));
        Total(summary, parent, "total-equality-deletes",
            addedDeletes.Where(f => f.Content == DataFileContent.EqualityDeletes).Sum(f => f.RecordCount)
            - removedDeletes.Where(f => f.Content == DataFileContent.EqualityDeletes).Sum(f => f.RecordCount));

        foreach (var (k, v) in extra)
        {
            summary[k] = v;
        }

        return summary;
    }

    private static void Put(Dictionary<string, string> summary, string key, long value)
    {
        if (value != 0)
        {
            summary[key] = value.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static void Total(Dictionary<string, string> summary, Snapshot? parent, string key, long delta)
    {
        long previous = 0;
        if (parent is not null && parent.Summary.TryGetValue(key, out var text)
            && !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out previous))
        {
            previous = 0;
        }

        summary[key] = Math.Max(0, previous + delta).ToString(CultureInfo.InvariantCulture);
    }
}
