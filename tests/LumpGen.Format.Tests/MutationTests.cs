using CsCheck;

namespace LumpGen.Format.Tests;

/// <summary>
/// Random damage to valid files — flipped bytes, cut lines, swapped/duplicated/deleted lines, edited
/// numbers — must never raise anything but <see cref="LumpFormatException"/> (or succeed, when the damage
/// happens to produce another valid file).
/// </summary>
public class MutationTests
{
    [Fact]
    public void Damaged_files_only_ever_raise_the_format_error()
    {
        var mutated =
            from model in LumpGenerators.Model
            from seed in Gen.Int
            select Mutate(LumpWriter.WriteToString(model), new Random(seed));
        int failures = 0, total = 0;
        mutated.Sample(text =>
        {
            total++;
            try
            {
                var model = LumpReader.Parse(text);
                Assert.True(model.ParameterCount > 0);
            }
            catch (LumpFormatException e)
            {
                failures++;
                Assert.False(string.IsNullOrWhiteSpace(e.Detail));
            }
        }, iter: 5000);

        // The mutations must actually exercise the error paths, or this test proves nothing.
        Assert.True(failures > total / 2, $"only {failures} of {total} mutations were rejected");
    }

    private static readonly string[] s_tokens =
    [
        "lump", "layer", "dense", "->", "row", "bias", "end", "partition", ":", "meta", "name", "epsilon",
        "input-transform", "output-transform", "mean", "scale", "offset", "0", "-1", "4294967296", "99999999999",
        "NaN", "softmax", "leaky_relu(", "elu(1e40)", "====", "\\u12", "#", "\t", "\r", "\uFEFF", "\0",
    ];

    private static string Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        int edits = 1 + random.Next(3);
        for (int e = 0; e < edits; e++)
        {
            int i = random.Next(lines.Count);
            string line = lines[i];
            switch (random.Next(9))
            {
                case 0 when line.Length > 0: // flip one byte (character)
                    int p = random.Next(line.Length);
                    lines[i] = line[..p] + (char)(line[p] ^ (1 << random.Next(7))) + line[(p + 1)..];
                    break;
                case 1: // cut the line
                    lines[i] = line[..random.Next(line.Length + 1)];
                    break;
                case 2: // delete it
                    lines.RemoveAt(i);
                    break;
                case 3: // duplicate it
                    lines.Insert(i, line);
                    break;
                case 4: // swap two lines
                    int j = random.Next(lines.Count);
                    (lines[i], lines[j]) = (lines[j], lines[i]);
                    break;
                case 5: // replace a token with a hostile one
                    var tokens = line.Split(' ');
                    tokens[random.Next(tokens.Length)] = s_tokens[random.Next(s_tokens.Length)];
                    lines[i] = string.Join(' ', tokens);
                    break;
                case 6: // insert a hostile token
                    int q = random.Next(line.Length + 1);
                    lines[i] = line[..q] + s_tokens[random.Next(s_tokens.Length)] + line[q..];
                    break;
                case 7: // truncate the whole file
                    string joined = string.Join('\n', lines);
                    return joined[..random.Next(joined.Length + 1)];
                default: // random bytes
                    var bytes = new byte[random.Next(1, 20)];
                    random.NextBytes(bytes);
                    lines[i] = line + System.Text.Encoding.Latin1.GetString(bytes);
                    break;
            }

            if (lines.Count == 0)
            {
                lines.Add("");
            }
        }

        return string.Join('\n', lines);
    }
}
