using LumpGen.Model;

namespace LumpGen.Onnx;

/// <summary>An imported network and what the importer changed or dropped on the way.</summary>
/// <param name="Network">The network; evaluating it gives the ONNX graph's output (see docs/onnx.md for the exact mapping).</param>
/// <param name="Notices">
/// One sentence per deliberate change: dropped classifier tails (ArgMax, ArrayFeatureExtractor, ZipMap),
/// normalisation folded into the input transform, a fixed-shape input treated as one sample, float64
/// weights rounded to float32, and similar.
/// </param>
public sealed record OnnxImportResult(Network Network, IReadOnlyList<string> Notices);
