using System.Collections;
using System.Reflection;
using LumpGen.Format;
using LumpGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace LumpGen.Generators.Tests;

/// <summary>
/// No step after the raw inputs holds a compilation, symbol, syntax node, location or additional text:
/// those would keep whole compilations alive and make every comparison fail, defeating the cache.
/// </summary>
public class ModelPurityTests
{
    private static readonly Type[] s_forbidden =
    [
        typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel),
        typeof(Location), typeof(AdditionalText), typeof(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions),
        typeof(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider),
    ];

    [Fact]
    public void Pipeline_models_reach_no_compilation_symbol_or_syntax()
    {
        var good = new LumpItem("/repo/good.lump", TestModels.Text(TestModels.Random(1, [3, 9, 2], [Activation.Relu, Activation.Softmax], transforms: true)));
        var bad = new LumpItem("/repo/bad.lump", "lump 1\nlayer dense 2 -> 2 swish\nend\n");
        var harness = new GeneratorHarness([good, bad]);
        var result = harness.CreateDriver().RunGenerators(harness.Compilation).GetRunResult().Results.Single();

        string[] steps = [TrackingNames.Options, TrackingNames.ParsedModels, TrackingNames.ModelIdentities, TrackingNames.TargetFacts, TrackingNames.GeneratedModels];
        int checkedValues = 0;
        foreach (string step in steps)
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertPure(output.Value, $"{step}", new HashSet<object>(ReferenceEqualityComparer.Instance));
                checkedValues++;
            }
        }

        Assert.True(checkedValues >= steps.Length);
    }

    private static void AssertPure(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is Array { Rank: 1 } array && array.GetType().GetElementType()!.IsPrimitive)
        {
            return;
        }

        var type = value.GetType();
        foreach (var forbidden in s_forbidden)
        {
            Assert.False(forbidden.IsAssignableFrom(type), $"{path} holds a {type.Name} ({forbidden.Name}).");
        }

        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable items and not string)
        {
            int i = 0;
            foreach (object? item in items)
            {
                AssertPure(item, $"{path}[{i++}]", seen);
            }
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                AssertPure(field.GetValue(value), $"{path}.{field.Name}", seen);
            }
        }
    }
}
