using System.Text;

namespace LumpGen.Ode;

/// <summary>
/// A partition of the variables 0..n−1 into blocks. Canonical: blocks are numbered in the order of
/// their lowest member, which is also the block's representative (DESIGN §3.1), so two equal
/// partitions have equal <see cref="BlockOf"/> arrays. Immutable.
/// </summary>
public sealed class Partition : IEquatable<Partition>
{
    private readonly int[] _blockOf;
    private readonly int[] _start;   // block b's members are _members[_start[b].._start[b+1]]
    private readonly int[] _members; // ascending within each block

    private Partition(int[] canonicalBlockOf, int blockCount)
    {
        _blockOf = canonicalBlockOf;
        _start = new int[blockCount + 1];
        foreach (int b in canonicalBlockOf)
        {
            _start[b + 1]++;
        }

        for (int b = 0; b < blockCount; b++)
        {
            _start[b + 1] += _start[b];
        }

        _members = new int[canonicalBlockOf.Length];
        int[] fill = _start[..blockCount];
        for (int v = 0; v < canonicalBlockOf.Length; v++)
        {
            _members[fill[canonicalBlockOf[v]]++] = v;
        }
    }

    /// <summary>Builds a partition from any labelling: variables with equal labels share a block.</summary>
    public static Partition FromLabels(ReadOnlySpan<int> labels)
    {
        var renumber = new Dictionary<int, int>();
        int[] blockOf = new int[labels.Length];
        for (int v = 0; v < labels.Length; v++)
        {
            if (!renumber.TryGetValue(labels[v], out int b))
            {
                b = renumber.Count;
                renumber.Add(labels[v], b);
            }

            blockOf[v] = b;
        }

        return new Partition(blockOf, renumber.Count);
    }

    /// <summary>Builds a partition of <paramref name="count"/> variables from explicit blocks; variables not listed form one more block together.</summary>
    /// <exception cref="ArgumentException">A variable is out of range or listed twice.</exception>
    public static Partition FromBlocks(int count, IEnumerable<IEnumerable<int>> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        int[] labels = new int[count];
        Array.Fill(labels, -1);
        int label = 0;
        foreach (var block in blocks)
        {
            foreach (int v in block)
            {
                if ((uint)v >= (uint)count)
                {
                    throw new ArgumentException($"Variable {v} is outside 0..{count - 1}.", nameof(blocks));
                }

                if (labels[v] >= 0)
                {
                    throw new ArgumentException($"Variable {v} is listed in two blocks.", nameof(blocks));
                }

                labels[v] = label;
            }

            label++;
        }

        for (int v = 0; v < count; v++)
        {
            if (labels[v] < 0)
            {
                labels[v] = label;
            }
        }

        return FromLabels(labels);
    }

    /// <summary>Every variable in its own block.</summary>
    public static Partition Discrete(int count)
    {
        int[] blockOf = new int[count];
        for (int v = 0; v < count; v++)
        {
            blockOf[v] = v;
        }

        return new Partition(blockOf, count);
    }

    /// <summary>All variables in one block.</summary>
    public static Partition Single(int count) => new(new int[count], count == 0 ? 0 : 1);

    /// <summary>Number of variables.</summary>
    public int VariableCount => _blockOf.Length;

    /// <summary>Number of blocks.</summary>
    public int BlockCount => _start.Length - 1;

    /// <summary>The block index of each variable (canonical numbering).</summary>
    public ReadOnlySpan<int> BlockOf => _blockOf;

    /// <summary>The members of block <paramref name="block"/>, ascending.</summary>
    public ReadOnlySpan<int> Block(int block) => _members.AsSpan(_start[block], _start[block + 1] - _start[block]);

    /// <summary>The lowest member of block <paramref name="block"/>.</summary>
    public int Representative(int block) => _members[_start[block]];

    /// <summary>Number of members of block <paramref name="block"/>.</summary>
    public int BlockSize(int block) => _start[block + 1] - _start[block];

    /// <summary>Whether every block of this partition lies inside one block of <paramref name="coarser"/>.</summary>
    public bool IsRefinementOf(Partition coarser)
    {
        ArgumentNullException.ThrowIfNull(coarser);
        if (coarser.VariableCount != VariableCount)
        {
            return false;
        }

        for (int b = 0; b < BlockCount; b++)
        {
            int target = coarser._blockOf[Representative(b)];
            foreach (int v in Block(b))
            {
                if (coarser._blockOf[v] != target)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The blocks as lists of variable names, e.g. <c>{a,b},{c}</c>.</summary>
    public string ToString(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var sb = new StringBuilder();
        for (int b = 0; b < BlockCount; b++)
        {
            sb.Append(b == 0 ? "{" : ",{");
            sb.AppendJoin(',', Block(b).ToArray().Select(v => names[v]));
            sb.Append('}');
        }

        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToString(Enumerable.Range(0, VariableCount).Select(v => "x" + v).ToArray());

    /// <inheritdoc/>
    public bool Equals(Partition? other) => other is not null && _blockOf.AsSpan().SequenceEqual(other._blockOf);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Partition);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_blockOf.AsSpan()));
        return hash.ToHashCode();
    }
}
