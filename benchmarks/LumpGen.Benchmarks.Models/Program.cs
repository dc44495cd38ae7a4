using LumpGen.Benchmarks.Models;
using LumpGen.IO;

// Writes the inference benchmark's networks as .lump files into the folder given as the only argument.
// Run by benchmarks/LumpGen.Benchmarks at build time (the files are build outputs, not committed).
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: LumpGen.Benchmarks.Models <output folder>");
    return 2;
}

Directory.CreateDirectory(args[0]);
foreach (var network in new[] { BenchmarkNetworks.Small(), BenchmarkNetworks.Large() })
{
    string path = Path.Combine(args[0], network.Metadata.Name + ".lump");
    string text = LumpFile.ToText(network);
    if (!File.Exists(path) || File.ReadAllText(path) != text)
    {
        File.WriteAllText(path, text);
    }
}

return 0;
