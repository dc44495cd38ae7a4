extern alias generator;

using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using generator::LumpGen.Generators;
using LumpGen.Evaluation;
using LumpGen.Format;
using LumpGen.Generators.Tests.Infrastructure;
using LumpGen.IO;
using LumpGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace LumpGen.IntegrationTests;

/// <summary>
/// Accuracy of the vectorised activations (the widest tier of this machine, in-process) against the double
/// reference over a dense sweep of inputs. The figures printed here are the ones in docs/generated-code.md.
/// </summary>
public class ActivationAccuracyTests(ITestOutputHelper output)
{
    /// <summary>
    /// Bounds on |y − ref| / max(|ref|, floor): float32 results are within a few ulp (2^-24 ≈ 6e-8 relative)
    /// of the exactly rounded value; the floor (1e-6) covers the tails where the reference itself is below
    /// what the polynomial and the clamping of e^x resolve (e.g. GELU at x = −20 is −1e-88).
    /// </summary>
    private const double RelativeBound = 5e-7;

    /// <summary>
    /// GELU's negative tail is x·σ(2z) with |2z| up to ~40: a float32 argument carries a relative error of
    /// ~1e-7, which e^s turns into |s|·1e-7 relative (1e-6 at x ≈ −4, where GELU ≈ −2e-5). Any float32 GELU
    /// has this conditioning; the absolute error there is ~1e-11.
    /// </summary>
    private const double GeluBound = 2e-6;

    private const double Floor = 1e-6;

    public static TheoryData<string> Kinds => ["relu", "leaky_relu(0.1)", "tanh", "sigmoid", "softplus", "elu(0.7)", "gelu"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Vectorised_activation_is_within_a_few_ulp_of_the_double_reference(string word)
    {
        Assert.True(Activation.TryParse(word, out var activation));

        // 1→16 layer with unit weights and zero bias: every output is act(x), through the column-block kernel.
        var network = new Network([new DenseLayer([.. Enumerable.Repeat(1f, 16)], new float[16], activation)]);
        const int Points = 40_001;
        float[] x = [.. Enumerable.Range(0, Points).Select(i => -20f + (40f * i / (Points - 1)))];
        float[] y = new float[Points * 16];
        Run(network, x, y);

        double worst = 0, worstAt = 0;
        for (int i = 0; i < Points; i++)
        {
            double reference = ActivationMath.Apply(activation, (double)x[i]);
            for (int k = 0; k < 16; k++)
            {
                double error = Math.Abs(y[(i * 16) + k] - reference) / Math.Max(Math.Abs(reference), Floor);
                if (error > worst)
                {
                    worst = error;
                    worstAt = x[i];
                }
            }
        }

        output.WriteLine($"{word}: max |y − ref| / max(|ref|, {Floor:E0}) = {worst:E2} ({worst / Math.Pow(2, -24):F1} × 2^-24) at x = {worstAt:R}, over {Points} points in [−20, 20]");
        double bound = activation.Kind == ActivationKind.Gelu ? GeluBound : RelativeBound;
        Assert.True(worst <= bound, $"{word}: error {worst:E2} at x = {worstAt}");
    }

    private static void Run(Network network, float[] x, float[] y)
    {
        var item = new LumpItem("/models/act.lump", LumpFile.ToText(network), ClassName: "Act", Namespace: "Accuracy");
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        var compilation = CSharpCompilation.Create(
            "Accuracy" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText("public static class Entry { public static void Run(float[] x, float[] y) => Accuracy.Act.PredictBatch(x, y); }", parse)],
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, allowUnsafe: true));
        var options = new TestOptionsProvider(
            ImmutableDictionary<string, string>.Empty,
            ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty.Add(item.Path, ImmutableDictionary<string, string>.Empty
                .Add("build_metadata.AdditionalFiles.ClassName", "Act")
                .Add("build_metadata.AdditionalFiles.Namespace", "Accuracy")));
        CSharpGeneratorDriver.Create([new LumpNetworkGenerator().AsSourceGenerator()], [new InMemoryAdditionalText(item.Path, item.Text)], parse, options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var diagnostics);
        Assert.Empty(diagnostics);

        using var stream = new MemoryStream();
        var emit = generated.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("accuracy", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(stream);
            assembly.GetType("Entry")!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [x, y]);
        }
        finally
        {
            context.Unload();
        }
    }
}
