using LumpGen.Testing;
using Xunit.Abstractions;

namespace LumpGen.Onnx.Tests;

/// <summary>
/// Truncated and bit-flipped ONNX files either still import (a flipped weight bit can leave a valid model)
/// or fail with <see cref="OnnxImportException"/>: never another exception, a crash or a hang.
/// </summary>
public sealed class MutationTests(ITestOutputHelper output)
{
    // A hang shows up as a mutant that takes this long; a normal import of these models takes milliseconds.
    private static readonly TimeSpan s_hangLimit = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Models => new()
    {
        "marabou/fc1.onnx",
        "marabou/fc_2-2-3.onnx",
        "marabou/mnist2x10.onnx",
        "modelverification/small_nnet.onnx",
        "marabou/layer-zoo_gemm.onnx",
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Truncated_files_fail_with_the_importer_error(string file)
    {
        byte[] original = File.ReadAllBytes(RepoPaths.Data("onnx", file));
        var lengths = Enumerable.Range(0, 64).Concat(Enumerable.Range(1, 200).Select(i => (int)((long)original.Length * i / 201)))
            .Where(l => l < original.Length).Distinct().ToList();
        var (imported, refused) = Run(file, lengths.Select(l => ($"first {l} bytes", original[..l])));

        // A prefix can still be a valid protobuf message (cut between fields), but never one with a complete graph and output.
        Assert.Equal(0, imported);
        Assert.Equal(lengths.Count, refused);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Bit_flipped_files_fail_with_the_importer_error_or_still_import(string file)
    {
        byte[] original = File.ReadAllBytes(RepoPaths.Data("onnx", file));
        var random = new Random(file.Length);
        var mutants = new List<(string, byte[])>();
        for (int i = 0; i < 400; i++)
        {
            byte[] copy = (byte[])original.Clone();
            int position = random.Next(copy.Length);
            int bit = random.Next(8);
            copy[position] ^= (byte)(1 << bit);
            mutants.Add(($"bit {bit} of byte {position} flipped", copy));
        }

        for (int i = 0; i < 100; i++)
        {
            byte[] copy = (byte[])original.Clone();
            int position = random.Next(copy.Length);
            int count = random.Next(1, 9);
            for (int j = position; j < Math.Min(copy.Length, position + count); j++)
            {
                copy[j] = (byte)random.Next(256);
            }

            mutants.Add(($"{count} bytes from {position} overwritten", copy));
        }

        var (imported, refused) = Run(file, mutants);
        Assert.Equal(mutants.Count, imported + refused);
        Assert.True(refused > 0, "no mutant was refused: the test would not notice a lenient importer");
    }

    private (int Imported, int Refused) Run(string file, IEnumerable<(string What, byte[] Bytes)> mutants)
    {
        int imported = 0, refused = 0;
        var failures = new List<string>();
        foreach (var (what, bytes) in mutants)
        {
            var task = Task.Run(() => OnnxImporter.Import(bytes, file));
            try
            {
                if (!task.Wait(s_hangLimit))
                {
                    failures.Add($"{what}: still running after {s_hangLimit.TotalSeconds} s");
                    continue;
                }

                Assert.True(task.Result.Network.Layers.Count > 0);
                imported++;
            }
            catch (AggregateException e) when (e.InnerException is OnnxImportException)
            {
                refused++;
            }
            catch (AggregateException e)
            {
                failures.Add($"{what}: {e.InnerException}");
            }
        }

        output.WriteLine($"{file}: {imported} imported, {refused} refused, {failures.Count} wrong");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(5)));
        return (imported, refused);
    }
}
