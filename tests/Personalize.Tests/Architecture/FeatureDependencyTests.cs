using System.Text.RegularExpressions;
using Personalize.Tests.Infrastructure;

namespace Personalize.Tests.Architecture;

/// <summary>
/// The engine's feature folders depend on each other in one direction only: a feature that imports another is never
/// imported back, directly or around a longer loop. Common (shared value types) imports no feature; Data (the
/// DbContext and the entity configurations) may know every feature's entities and is left out of the graph.
/// A feature imports another by a using directive or a qualified name (<c>Personalize.X.</c>, or <c>X.Type</c> for a
/// type declared in X).
/// </summary>
public sealed class FeatureDependencyTests
{
    private static readonly string Engine = RepositoryFiles.PathOf("src/Personalize");
    private static readonly HashSet<string> SharedKernel = ["Data", "Common"];

    [Fact]
    public void Engine_features_import_each_other_without_cycles()
    {
        var imports = FeatureImports();
        var features = imports.Keys.Where(f => !SharedKernel.Contains(f)).ToList();
        var graph = features.ToDictionary(f => f, f => imports[f].Keys.Where(g => !SharedKernel.Contains(g)).ToList());

        var cycles = Cycles(graph)
            .Select(cycle =>
                string.Join(" -> ", cycle)
                + "   ("
                + string.Join(
                    "; ",
                    cycle.Zip(cycle.Skip(1), (from, to) =>
                        $"{from} -> {to} in {string.Join(", ", imports[from][to].Take(3))}"
                    )
                )
                + ")"
            )
            .ToList();
        Assert.True(cycles.Count == 0, "Feature import cycles:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Common_imports_no_feature() => Assert.DoesNotContain(FeatureImports()["Common"].Keys, f => f != "Data");

    [Fact]
    public void The_check_sees_an_import_cycle_when_there_is_one()
    {
        var graph = new Dictionary<string, List<string>>
        {
            ["A"] = ["B"],
            ["B"] = ["C"],
            ["C"] = ["A"],
            ["D"] = ["A"],
        };
        Assert.Equal(
            [
                ["A", "B", "C", "A"],
            ],
            Cycles(graph)
        );
        Assert.Empty(
            Cycles(
                new Dictionary<string, List<string>>
                {
                    ["A"] = ["B"],
                    ["B"] = [],
                    ["D"] = ["A", "B"],
                }
            )
        );
    }

    /// <summary>For each feature folder: the features it imports, each with the files that do.</summary>
    private static Dictionary<string, Dictionary<string, List<string>>> FeatureImports()
    {
        var features = Directory
            .GetDirectories(Engine)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(d => d is not ("bin" or "obj"))
            .ToList();
        var sources = features.ToDictionary(
            f => f,
            f =>
                Directory
                    .EnumerateFiles(Path.Combine(Engine, f), "*.cs", SearchOption.AllDirectories)
                    .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}"))
                    .Select(p => (Path: Path.GetRelativePath(Engine, p), Text: File.ReadAllText(p)))
                    .ToList()
        );
        var declared = features.ToDictionary(
            f => f,
            f =>
                sources[f]
                    .SelectMany(s =>
                        Regex
                            .Matches(s.Text, @"\b(?:class|record|enum|interface|struct)\s+([A-Z]\w*)")
                            .Select(m => m.Groups[1].Value)
                    )
                    .ToHashSet()
        );

        var imports = features.ToDictionary(f => f, _ => new Dictionary<string, List<string>>());
        foreach (var feature in features)
        foreach (var other in features.Where(o => o != feature))
        {
            var qualified =
                declared[other].Count == 0 ? "" : $@"|(?<![\w.]){other}\.(?:{string.Join('|', declared[other])})\b";
            var pattern = new Regex($@"\busing Personalize\.{other}(?:\.\w+)*;|\bPersonalize\.{other}\.{qualified}");
            var files = sources[feature].Where(s => pattern.IsMatch(s.Text)).Select(s => s.Path).ToList();
            if (files.Count > 0)
                imports[feature][other] = files;
        }
        return imports;
    }

    /// <summary>Import cycles, each as a closed path, each reported once.</summary>
    private static List<List<string>> Cycles(IReadOnlyDictionary<string, List<string>> graph)
    {
        var cycles = new List<List<string>>();
        var done = new HashSet<string>();
        foreach (var start in graph.Keys.Order())
        {
            if (done.Contains(start))
                continue;
            var path = new List<string>();
            var onPath = new HashSet<string>();
            if (Walk(start))
                continue;

            bool Walk(string node)
            {
                if (onPath.Contains(node))
                {
                    List<string> cycle = [.. path.SkipWhile(n => n != node), node];
                    cycles.Add(cycle);
                    done.UnionWith(cycle); // reported once, not again from each of its nodes
                    return true;
                }
                if (done.Contains(node))
                    return false;
                path.Add(node);
                onPath.Add(node);
                foreach (var next in graph.GetValueOrDefault(node, []).Order())
                    if (Walk(next))
                        return true;
                path.RemoveAt(path.Count - 1);
                onPath.Remove(node);
                done.Add(node);
                return false;
            }
        }
        return cycles;
    }
}
