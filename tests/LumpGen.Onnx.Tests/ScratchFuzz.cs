using Onnx;
using Xunit.Abstractions;
namespace LumpGen.Onnx.Tests;
public sealed class ScratchFuzz(ITestOutputHelper output)
{
    [Fact]
    public void Fuzz()
    {
        var view = new TestGraph(11).Input("x", null, 1, 2, 2).Output("y", null, 3)
            .Initializer("W", [3, 4], TestGraph.Random(12, 1)).Initializer("b", [3], TestGraph.Random(3, 5))
            .Int64Initializer("minus_one", [-1])
            .Node("Shape", ["x"], ["s"])
            .Node("Constant", [], ["zero"], ("value", new TensorProto { DataType = (int)TensorProto.Types.DataType.Int64, Int64Data = { 0 } }))
            .Node("Gather", ["s", "zero"], ["n"], ("axis", 0L))
            .Node("Unsqueeze", ["n"], ["n1"], ("axes", new long[] { 0 }))
            .Node("Concat", ["n1", "minus_one"], ["shape"], ("axis", 0L))
            .Node("Reshape", ["x", "shape"], ["flat"])
            .Node("Gemm", ["flat", "W", "b"], ["h"], ("transB", 1L))
            .Node("BatchNormalization", ["h", "b", "b", "b", "b"], ["n2"])
            .Node("Sigmoid", ["n2"], ["p"])
            .Initializer("unity", [], [1])
            .Node("Sub", ["unity", "p"], ["q"])
            .Node("Concat", ["q", "p"], ["y"], ("axis", 1L));
        var failures = new List<string>();
        byte[] original = view.Bytes();
        OnnxImporter.Import(original);
        var random = new Random(42);
        int ok = 0, bad = 0;
        for (int i = 0; i < 100000; i++)
        {
            byte[] copy = (byte[])original.Clone();
            int flips = random.Next(1, 4);
            for (int k = 0; k < flips; k++) { copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8)); }
            try { OnnxImporter.Import(copy, "f"); ok++; }
            catch (OnnxImportException) { bad++; }
            catch (Exception e) { failures.Add(e.GetType().Name + ": " + e.Message + " " + e.StackTrace?.Split('\n')[0]); }
        }
        output.WriteLine($"ok={ok} refused={bad}");
        foreach (var g in failures.GroupBy(x => x).Take(20)) { output.WriteLine(g.Count() + "× " + g.Key); }
        Assert.Empty(failures);
    }
}
