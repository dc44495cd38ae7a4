using LumpGen.Format;
using LumpGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LumpGen.Generators.Tests;

/// <summary>The pipeline does no work that an edit did not ask for, and all the work one did.</summary>
public class IncrementalityTests
{
    private static readonly string[] s_steps =
    [
        TrackingNames.Options, TrackingNames.LumpFiles, TrackingNames.ParsedModels,
        TrackingNames.ModelIdentities, TrackingNames.TargetFacts, TrackingNames.GeneratedModels,
    ];

    private static LumpItem Item(int seed, string name = "model") => new(
        $"/repo/{name}.lump",
        TestModels.Text(TestModels.Random(seed, [4, 20, 2], [Activation.Tanh, Activation.Identity])));

    [Fact]
    public void Editing_unrelated_code_leaves_every_step_cached()
    {
        var harness = new GeneratorHarness([Item(1)], sources: ["class C { int F() => 1; }"]);
        var driver = harness.CreateDriver().RunGenerators(harness.Compilation);

        var tree = harness.Compilation.SyntaxTrees.Single();
        var edited = harness.Compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText("class C { int F() => 2; }", harness.ParseOptions));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in s_steps)
        {
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {step} was {reason} after an unrelated edit."));
        }

        // TargetFacts re-reads the new compilation (that is its job) but its value is unchanged, so nothing downstream re-runs.
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_the_lump_file_regenerates_its_code()
    {
        var harness = new GeneratorHarness([Item(1)]);
        var driver = harness.CreateDriver().RunGenerators(harness.Compilation);
        string before = driver.GetRunResult().GeneratedTrees.Single().ToString();

        var changed = new InMemoryAdditionalText("/repo/model.lump", Item(2).Text);
        driver = driver.ReplaceAdditionalText(harness.AdditionalTexts[0], changed).RunGenerators(harness.Compilation);
        var run = driver.GetRunResult();
        var result = run.Results.Single();

        Assert.All(result.TrackedSteps[TrackingNames.ParsedModels].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        Assert.All(result.TrackedSteps[TrackingNames.GeneratedModels].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        Assert.NotEqual(before, run.GeneratedTrees.Single().ToString());
    }

    [Fact]
    public void Adding_a_second_model_does_not_change_the_first_models_output()
    {
        var harness = new GeneratorHarness([Item(1)]);
        var driver = harness.CreateDriver().RunGenerators(harness.Compilation);

        var second = new InMemoryAdditionalText("/repo/other.lump", Item(3, "other").Text);
        var result = driver.AddAdditionalTexts([second]).RunGenerators(harness.Compilation).GetRunResult().Results.Single();

        // The class-name list changed (that is how duplicates are found), so the first model is re-checked,
        // but its generated code compares equal: Unchanged, not Modified.
        var reasons = result.TrackedSteps[TrackingNames.GeneratedModels].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.Contains(IncrementalStepRunReason.Unchanged, reasons);
        Assert.Contains(IncrementalStepRunReason.New, reasons);
    }
}
