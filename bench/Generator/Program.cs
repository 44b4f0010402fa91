using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using SandboxOps.Bench.Generator;

// Usage: generator <components> <seed> <output folder> [Standard|Heavy|Noisy]
// Writes source-mdapi/, target-mdapi/, source-sfdx/, target-sfdx/ and ground-truth.json under the output folder.
var kind = DriftKind.Standard;
if (args.Length is < 3 or > 4 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var components) || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
    || (args.Length == 4 && !Enum.TryParse(args[3], ignoreCase: true, out kind)))
{
    Console.Error.WriteLine("usage: generator <components> <seed> <output folder> [Standard|Heavy|Noisy]");
    return 2;
}

var output = Path.GetFullPath(args[2]);
var shape = OrgShape.ForComponents(components);
var drift = new Drift(shape, seed, kind);
var staging = output + ".partial";
if (Directory.Exists(staging))
{
    Directory.Delete(staging, recursive: true);
}

foreach (var (side, format) in new[] { (Side.Source, false), (Side.Target, false), (Side.Source, true), (Side.Target, true) })
{
    var folder = Path.Combine(staging, (side == Side.Source ? "source" : "target") + (format ? "-sfdx" : "-mdapi"));
    new OrgWriter(shape, drift, side, format, folder).Write();
}

var truth = drift.Truth.OrderBy(t => t.Type, StringComparer.Ordinal).ThenBy(t => t.FullName, StringComparer.Ordinal).ToList();
// Bumped whenever the generated content changes, so that benchmarks regenerate their data.
const int generatorVersion = 3;
File.WriteAllText(Path.Combine(staging, "ground-truth.json"), JsonSerializer.Serialize(new { generatorVersion, components, seed, drift = kind.ToString(), shape, truth }, new JsonSerializerOptions { WriteIndented = true }));
if (Directory.Exists(output))
{
    Directory.Delete(output, recursive: true);
}

Directory.Move(staging, output);
Console.WriteLine($"{output}: {truth.Count(t => t.Status != "Noise")} semantic differences, {truth.Count(t => t.Status == "Noise")} noise-only rewrites");
return 0;
