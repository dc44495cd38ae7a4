using LumpGen.Format;
using LumpGen.Generators.Tests.Infrastructure;

namespace LumpGen.Generators.Tests;

public class SmokeTests
{
    [Fact]
    public void Generated_code_compiles()
    {
        var models = new[]
        {
            TestModels.Random(1, [8, 64, 64, 1], [Activation.Relu, Activation.Tanh, Activation.Identity], transforms: true, partitions: true, name: "small"),
            TestModels.Random(2, [2, 2, 3], [Activation.Sigmoid, Activation.Softmax]),
            TestModels.Random(3, [20, 300, 5], [Activation.Gelu, Activation.Elu()]),
            TestModels.Random(4, [3, 40, 17], [Activation.Softplus, Activation.LeakyRelu(0.2f)]),
        };
        var items = models.Select((m, i) => new LumpItem($"/models/m{i}.lump", TestModels.Text(m))).ToList();
        items.Add(items[0] with { Path = "/models/p0.lump", Kernel = "portable" });
        var outcome = new GeneratorHarness(items).Run();
        Assert.Empty(outcome.GeneratorDiagnostics);
        var problems = outcome.CompilationProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }
}
