namespace LumpGen.Lumping;

/// <summary>How a block's incoming row and bias are chosen when the reduced network is built (DESIGN §3.3).</summary>
public enum QuotientKind
{
    /// <summary>The block mean: the smallest change that makes the partition exact.</summary>
    Mean,

    /// <summary>The block representative's (lowest index), as ERODE's quotient does.</summary>
    Rep,
}
