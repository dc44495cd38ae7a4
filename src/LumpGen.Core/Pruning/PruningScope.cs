namespace LumpGen.Pruning;

/// <summary>Where magnitude pruning compares weights.</summary>
public enum PruningScope
{
    /// <summary>Each layer keeps the same fraction of its weights; weights compete within their layer.</summary>
    Layer,

    /// <summary>All weights of the network compete in one ranking (layers may end up with different sparsities).</summary>
    Global,
}
