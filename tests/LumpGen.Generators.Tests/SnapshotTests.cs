using LumpGen.Format;
using LumpGen.Generators.Tests.Infrastructure;
using LumpGen.Testing;

namespace LumpGen.Generators.Tests;

/// <summary>
/// Generated code for a few representative models, compared with checked-in baselines
/// (<c>Baselines/*.g.cs.txt</c>). One model per feature. After an intended change, regenerate with
/// <c>LUMPGEN_UPDATE_BASELINES=1 dotnet test --filter SnapshotTests</c> and review the diff.
/// </summary>
public class SnapshotTests
{
    /// <summary>2-2-3, sigmoid then softmax: every layer is tiny, so straight-line code with inlined weights; softmax in the finishing step.</summary>
    [Fact]
    public void Tiny_network_uses_unrolled_kernels() =>
        Verify("Tiny", TestModels.Random(11, [2, 2, 3], [Activation.Sigmoid, Activation.Softmax], name: "tiny"));

    /// <summary>4-24-24-2 with input/output transforms and lumping provenance: column-block kernels, a row kernel, staging, folded output transform.</summary>
    [Fact]
    public void Small_network_with_transforms() =>
        Verify("Small", TestModels.Random(12, [4, 24, 24, 2], [Activation.Relu, Activation.Tanh, Activation.Identity], transforms: true, partitions: true, name: "small"));

    /// <summary>10-130-3: two full 64-neuron blocks in a loop plus a padded 16-neuron block, four-sample batch kernels, a row kernel with ELU.</summary>
    [Fact]
    public void Wide_layer_uses_block_loop() =>
        Verify("Wide", TestModels.Random(13, [10, 130, 3], [Activation.Gelu, Activation.Elu()], name: "wide"));

    /// <summary>The small network again with Kernel="portable": Vector&lt;float&gt;/scalar, no System.Runtime.Intrinsics.</summary>
    [Fact]
    public void Portable_variant() =>
        Verify("Portable", TestModels.Random(12, [4, 24, 24, 2], [Activation.Relu, Activation.Tanh, Activation.Identity], transforms: true, partitions: true, name: "small"), kernel: "portable");

    private static void Verify(string name, LumpModel model, string? kernel = null)
    {
        var item = new LumpItem($"/repo/Models/{name.ToLowerInvariant()}.lump", TestModels.Text(model), ClassName: name + "Model", Namespace: "Snapshots", Kernel: kernel);
        var outcome = new GeneratorHarness([item]).Run();
        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationProblems());
        string actual = outcome.Source($"Snapshots.{name}Model.g.cs");
        Assert.DoesNotContain("/repo/", actual, StringComparison.Ordinal);

        string path = Path.Combine(RepoPaths.Root, "tests", "LumpGen.Generators.Tests", "Baselines", name + ".g.cs.txt");
        if (Environment.GetEnvironmentVariable("LUMPGEN_UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"Missing baseline {path}; run with LUMPGEN_UPDATE_BASELINES=1 to create it.");
        string expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            int line = 1 + expected.Zip(actual).TakeWhile(p => p.First == p.Second).Count(p => p.First == '\n');
            Assert.Fail($"Generated code for {name} differs from {path} from line {line} on. If the change is intended, regenerate with LUMPGEN_UPDATE_BASELINES=1 and review the diff.");
        }
    }
}
