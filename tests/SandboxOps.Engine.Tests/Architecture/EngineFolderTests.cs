using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using SandboxOps.Engine.Tests.Support;

namespace SandboxOps.Engine.Tests.Architecture;

/// <summary>
/// The engine's folders depend on each other in one direction only, so the architecture page's data flow
/// reads top to bottom: a folder that reaches back up to one that uses it fails here, naming the files.
/// </summary>
public sealed partial class EngineFolderTests
{
    [GeneratedRegex(@"\bSandboxOps\.Engine\.([A-Z][A-Za-z]+)\b")]
    private static partial Regex EngineNamespace();

    private static Dictionary<string, Dictionary<string, List<string>>> Dependencies()
    {
        var engine = Path.Combine(TempTree.RepositoryRoot, "src", "SandboxOps.Engine");
        var folders = Directory.GetDirectories(engine).Select(Path.GetFileName).Where(f => f is not "bin" and not "obj").ToHashSet(StringComparer.Ordinal);
        var edges = folders.ToDictionary(f => f!, _ => new Dictionary<string, List<string>>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(engine, folder!), "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match match in EngineNamespace().Matches(File.ReadAllText(file)))
                {
                    var used = match.Groups[1].Value;
                    if (used != folder && folders.Contains(used))
                    {
                        var files = edges[folder!].TryGetValue(used, out var list) ? list : edges[folder!][used] = new List<string>();
                        files.Add(Path.GetFileName(file));
                    }
                }
            }
        }

        return edges;
    }

    [Fact]
    public void No_engine_folder_depends_on_a_folder_that_depends_back_on_it()
    {
        var edges = Dependencies();
        bool Reaches(string from, string to)
        {
            var seen = new HashSet<string>();
            var pending = new Stack<string>(new[] { from });
            while (pending.Count > 0)
            {
                foreach (var next in edges[pending.Pop()].Keys)
                {
                    if (next == to)
                    {
                        return true;
                    }

                    if (seen.Add(next))
                    {
                        pending.Push(next);
                    }
                }
            }

            return false;
        }

        var cycles = edges.SelectMany(e => e.Value.Where(used => Reaches(used.Key, e.Key))
            .Select(used => $"{e.Key} -> {used.Key} ({string.Join(", ", used.Value.Distinct())})")).ToList();
        Assert.True(cycles.Count == 0, "Engine folders in a cycle:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Model_and_diagnostics_depend_on_no_other_folder()
    {
        var edges = Dependencies();
        Assert.Empty(edges["Model"].Keys);
        Assert.Equal(new[] { "Model" }, edges["Diagnostics"].Keys.ToArray());
    }
}
