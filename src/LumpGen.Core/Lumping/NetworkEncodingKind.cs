namespace LumpGen.Lumping;

/// <summary>How a network becomes a polynomial ODE system (DESIGN §3.2).</summary>
public enum NetworkEncodingKind
{
    /// <summary>
    /// Default ("E4"): the reversed graph. For every edge src → dst with weight w, f_src += w·x_dst; for
    /// every bias, f_I += b_dst·x_dst. ε-FDE then compares neurons on incoming weights summed over the
    /// previous layer's blocks, and on biases — exact for any elementwise activation at ε = 0.
    /// </summary>
    ReversedGraph,

    /// <summary>
    /// Ablation: the forward linear graph, f_dst += w·x_src and f_dst += b_dst·x_I. ε-FDE then compares
    /// neurons on outgoing weights summed over the next layer's blocks (ignoring incoming weights).
    /// </summary>
    ForwardGraph,

    /// <summary>
    /// Ablation: a polynomial recast along the evaluation path x(t) = t·u: dh/dt = σ'(h)·Σ_k W_ik·dh_k/dt
    /// with σ' written in h (tanh: 1 − h², sigmoid: h − h², identity: 1). Biases enter only through
    /// h(0). Degree and size grow with depth: for small tanh/sigmoid networks only.
    /// </summary>
    PolynomialRecast,
}
