using CsCheck;
using LumpGen.Evaluation;
using LumpGen.IO;
using LumpGen.Model;

namespace LumpGen.Core.Tests.IO;

public class LumpFileTests
{
    [Fact]
    public void Network_round_trips_through_a_file_bit_exactly()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            int[] widths = [.. Enumerable.Range(0, random.Next(2, 5)).Select(_ => random.Next(1, 12))];
            var network = RandomNetworks.Create(random, widths, transforms: random.Next(2) == 0)
                .WithMetadata(new NetworkMetadata("demo", new string('0', 64), 0.25, 1234, "mean", [new("k", "v w")]));
            string text = LumpFile.ToText(network);
            var back = LumpFile.Parse(text);
            Assert.Equal(text, LumpFile.ToText(back));
            Assert.Equal(network.Metadata.Epsilon, back.Metadata.Epsilon);
            Assert.Equal(network.Metadata.PropertiesOrEmpty, back.Metadata.PropertiesOrEmpty);
            var x = RandomNetworks.Inputs(random, widths[0]);
            Assert.Equal(ReferenceEvaluator.Predict(network, x), ReferenceEvaluator.Predict(back, x));
        }, iter: 100);
    }

    [Fact]
    public void Write_is_atomic_and_leaves_no_temporary_files()
    {
        string folder = Directory.CreateTempSubdirectory("lumpgen-test-").FullName;
        try
        {
            string path = Path.Combine(folder, "m.lump");
            var network = RandomNetworks.Create(new Random(3), [3, 4, 1]);
            LumpFile.Write(network, path);
            Assert.Equal(LumpFile.ToText(network), File.ReadAllText(path));

            // A writer that fails half-way leaves the previous file untouched and no temporary file behind.
            Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteText(path, w =>
            {
                w.Write("partial");
                throw new InvalidOperationException("boom");
            }));
            Assert.Equal(LumpFile.ToText(network), File.ReadAllText(path));
            Assert.Equal(["m.lump"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Csv_errors_name_the_line_and_column()
    {
        var e = Assert.Throws<FormatException>(() => CsvMatrix.Read(new StringReader("1,2\n3,x\n"), "in.csv"));
        Assert.Contains("in.csv: line 2, column 2", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<FormatException>(() => CsvMatrix.Read(new StringReader("a,b\n1,2\n"), "in.csv"));
        Assert.Contains("header", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<FormatException>(() => CsvMatrix.Read(new StringReader("1,2\n3\n"), "in.csv"));
        Assert.Contains("line 2 has 1 columns", e.Message, StringComparison.Ordinal);
    }
}
