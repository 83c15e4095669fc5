using System.Text.RegularExpressions;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Schema;

/// <summary>Every relative link in README.md and docs/ leads to a file of the repository, and an anchor to a heading of
/// it.</summary>
public sealed partial class DocumentationLinkTests
{
    [GeneratedRegex(@"\[[^\]]*\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [Fact]
    public void Every_relative_link_resolves()
    {
        var documents = Directory
            .GetFiles(RepositoryFiles.PathOf("docs"), "*.md")
            .Prepend(RepositoryFiles.PathOf("README.md"))
            .ToList();
        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var document in documents)
        foreach (var (line, number) in File.ReadLines(document).Select((l, i) => (l, i + 1)))
        foreach (Match match in Link().Matches(line))
        {
            var target = match.Groups[1].Value;
            if (
                target.Contains("://", StringComparison.Ordinal)
                || target.StartsWith("mailto:", StringComparison.Ordinal)
            )
                continue;
            checkedLinks++;
            var where = $"{Path.GetFileName(document)}:{number} {target}";
            var (file, anchor) = target.Split('#', 2) is [var f, var a] ? (f, a) : (target, null);
            var path =
                file.Length == 0 ? document : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, file));
            // The shared folder is the team's, not the clone's: a link to it must say it is optional.
            if (!path.StartsWith(RepositoryFiles.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                if (!line.Contains("optional", StringComparison.OrdinalIgnoreCase))
                    broken.Add(where + " (outside the repository, not marked optional)");
                continue;
            }
            if (!File.Exists(path) && !Directory.Exists(path))
                broken.Add(where + " (no such file)");
            else if (anchor is not null && !Anchors(path).Contains(anchor))
                broken.Add(where + " (no such heading)");
        }
        Assert.True(checkedLinks > 20, $"only {checkedLinks} links found");
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    /// <summary>GitHub's anchors: headings lower-cased, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> Anchors(string markdown) =>
        File.ReadLines(markdown)
            .Where(l => l.StartsWith('#'))
            .Select(l =>
                Regex.Replace(l.TrimStart('#').Trim().ToLowerInvariant(), @"[^\p{L}\p{N}\s_-]", "").Replace(' ', '-')
            )
            .ToHashSet();
}
