namespace LumpGen.Onnx.Tests;

/// <summary>Import a test graph and check it against ONNX Runtime.</summary>
internal static class Parity
{
    // Same bound as the shared-model tests: float32 (ONNX Runtime) against double (reference evaluator).
    public const double Tolerance = 1e-5;

    /// <summary>Imports <paramref name="model"/> and asserts that the network matches ONNX Runtime on 200 random samples.</summary>
    /// <param name="model">The model to import.</param>
    /// <param name="options">Import options.</param>
    /// <param name="ortModel">What ONNX Runtime runs, when it differs from <paramref name="model"/> (e.g. with an extra graph output).</param>
    /// <param name="ortOutput">The ONNX Runtime output to compare with (default: the first).</param>
    public static OnnxImportResult Import(byte[] model, OnnxImportOptions? options = null, byte[]? ortModel = null, string? ortOutput = null)
    {
        var result = OnnxImporter.Import(model, "test.onnx", options: options);
        double error = OrtOracle.MaxRelativeError(result.Network, ortModel ?? model, 200, seed: 1, ortOutput);
        Assert.True(error <= Tolerance, $"relative error {error:E3} against ONNX Runtime exceeds {Tolerance:E0}");
        return result;
    }
}
