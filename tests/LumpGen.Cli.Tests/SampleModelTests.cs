using LumpGen.IO;
using LumpGen.Testing;

namespace LumpGen.Cli.Tests;

public class SampleModelTests
{
    /// <summary>
    /// The committed demo model equals its recipe. To regenerate after changing the recipe, run the tests
    /// with LUMPGEN_UPDATE_SAMPLES=1.
    /// </summary>
    [Fact]
    public void Committed_demo_model_matches_its_recipe()
    {
        string path = Path.Combine(RepoPaths.Root, DemoModel.RelativePath);
        string expected = LumpFile.ToText(DemoModel.Create());
        if (Environment.GetEnvironmentVariable("LUMPGEN_UPDATE_SAMPLES") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{DemoModel.RelativePath} is missing; run the tests with LUMPGEN_UPDATE_SAMPLES=1 to create it.");
        Assert.Equal(expected, File.ReadAllText(path));
    }
}
