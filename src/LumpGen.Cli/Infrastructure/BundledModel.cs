using System.Security.Cryptography;
using LumpGen.IO;
using LumpGen.Model;

namespace LumpGen.Cli.Infrastructure;

/// <summary>
/// The demo model compiled into the tool (<c>samples/models/demo.lump</c>): a 4-24-24-1 tanh MLP with 8
/// planted prototype neurons per hidden layer, each present three times with small perturbations.
/// </summary>
internal static class BundledModel
{
    /// <summary>What the CLI calls it in messages.</summary>
    public const string DisplayName = "the bundled demo model (4-24-24-1 tanh, samples/models/demo.lump)";

    /// <summary>The file name used for default output names.</summary>
    public const string FileName = "demo.lump";

    /// <summary>The ε the demo is compressed with when no budget is given: enough to find the planted prototypes in layer 0.</summary>
    public const double DefaultEpsilon = 0.3;

    // Read once: compress both parses the text and hashes it.
    private static readonly Lazy<string> s_text = new(() =>
    {
        using var stream = typeof(BundledModel).Assembly.GetManifestResourceStream("LumpGen.Cli.demo.lump")
            ?? throw new InvalidOperationException("The bundled demo model is missing from the lumpgen assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Text => s_text.Value;

    public static Network Load() => LumpFile.Parse(Text);

    public static string Sha256() => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Text)));
}
