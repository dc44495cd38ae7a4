using System.Globalization;
using LumpGen.Format;
using LumpGen.Model;
using LumpGen.Ode;

namespace LumpGen.Lumping;

/// <summary>
/// A network written as a polynomial ODE system (DESIGN §3.2). Variables, in this order: one per input
/// (u0…), one per neuron of each layer (h1_0…, the last layer y0…), then the bias node I (reversed and
/// forward graphs only). Initial partition: inputs, outputs and I are singletons; each hidden layer
/// is one block, so neurons are only merged within a layer.
/// </summary>
public sealed class NetworkEncoding
{
    private readonly int[] _layerStart; // variable index of neuron 0 of layer l (l = 0: inputs)

    private NetworkEncoding(Network network, NetworkEncodingKind kind, OdeSystem system, int[] layerStart)
    {
        Network = network;
        Kind = kind;
        System = system;
        _layerStart = layerStart;
    }

    /// <summary>The encoded network.</summary>
    public Network Network { get; }

    /// <summary>The encoding used.</summary>
    public NetworkEncodingKind Kind { get; }

    /// <summary>The ODE system; its <see cref="OdeSystem.InitialPartition"/> is the layer partition described above.</summary>
    public OdeSystem System { get; }

    /// <summary>Encodes <paramref name="network"/>.</summary>
    /// <exception cref="NotSupportedException">The polynomial recast meets an activation other than tanh, sigmoid or identity, or grows too large.</exception>
    public static NetworkEncoding Encode(Network network, NetworkEncodingKind kind = NetworkEncodingKind.ReversedGraph)
    {
        ArgumentNullException.ThrowIfNull(network);
        var widths = new List<int> { network.InputLength };
        widths.AddRange(network.Layers.Select(l => l.OutputLength));
        int[] layerStart = new int[widths.Count + 1];
        for (int l = 0; l < widths.Count; l++)
        {
            layerStart[l + 1] = layerStart[l] + widths[l];
        }

        bool hasBias = kind != NetworkEncodingKind.PolynomialRecast;
        int bias = layerStart[^1];
        int count = bias + (hasBias ? 1 : 0);
        var names = new string[count];
        for (int l = 0; l < widths.Count; l++)
        {
            for (int i = 0; i < widths[l]; i++)
            {
                names[layerStart[l] + i] = l == 0 ? $"u{i}" : l == widths.Count - 1 ? $"y{i}" : string.Create(CultureInfo.InvariantCulture, $"h{l}_{i}");
            }
        }

        if (hasBias)
        {
            names[bias] = "I";
        }

        var drifts = new Polynomial[count];
        for (int v = 0; v < count; v++)
        {
            drifts[v] = new Polynomial();
        }

        double[]? init = null;
        switch (kind)
        {
            case NetworkEncodingKind.ReversedGraph:
            case NetworkEncodingKind.ForwardGraph:
                AddLinearGraph(network, layerStart, bias, drifts, reversed: kind == NetworkEncodingKind.ReversedGraph);
                break;
            default:
                init = PolynomialRecast.Encode(network, layerStart, drifts);
                break;
        }

        // Inputs, outputs and I singletons; each hidden layer one block.
        int[] labels = new int[count];
        for (int v = 0; v < count; v++)
        {
            int layer = Array.FindLastIndex(layerStart, s => s <= v);
            bool hidden = layer > 0 && layer < widths.Count - 1;
            labels[v] = hidden ? -layer : v + 1;
        }

        var system = new OdeSystem(names, drifts, init, Partition.FromLabels(labels), name: network.Metadata.Name ?? "network");
        return new NetworkEncoding(network, kind, system, layerStart);
    }

    /// <summary>The variable of neuron <paramref name="neuron"/> of dense layer <paramref name="layer"/> (0-based).</summary>
    public int NeuronVariable(int layer, int neuron) => _layerStart[layer + 1] + neuron;

    /// <summary>
    /// Splits a partition of <see cref="System"/>'s variables into one partition per dense layer over its
    /// neurons. Blocks must not mix layers (they cannot when refined from the initial partition).
    /// </summary>
    public IReadOnlyList<Partition> LayerPartitions(Partition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var result = new Partition[Network.Layers.Count];
        for (int l = 0; l < result.Length; l++)
        {
            int start = _layerStart[l + 1];
            result[l] = Partition.FromLabels(partition.BlockOf.Slice(start, Network.Layers[l].OutputLength));
        }

        return result;
    }

    private static void AddLinearGraph(Network network, int[] layerStart, int bias, Polynomial[] drifts, bool reversed)
    {
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            for (int i = 0; i < layer.OutputLength; i++)
            {
                int dst = layerStart[l + 1] + i;
                var row = layer.Row(i);
                for (int m = 0; m < row.Length; m++)
                {
                    int src = layerStart[l] + m;
                    if (reversed)
                    {
                        drifts[src].Add(Monomial.Of(dst), row[m]);
                    }
                    else
                    {
                        drifts[dst].Add(Monomial.Of(src), row[m]);
                    }
                }

                if (reversed)
                {
                    drifts[bias].Add(Monomial.Of(dst), layer.Bias[i]);
                }
                else
                {
                    drifts[dst].Add(Monomial.Of(bias), layer.Bias[i]);
                }
            }
        }
    }

    /// <summary>The recast of <see cref="NetworkEncodingKind.PolynomialRecast"/>.</summary>
    private static class PolynomialRecast
    {
        private const int MaxTerms = 2_000_000;

        public static double[] Encode(Network network, int[] layerStart, Polynomial[] drifts)
        {
            // u_m: the direction of the evaluation path, constant (drift 0). p = dz/dt of the previous layer.
            var previousRates = new Polynomial[network.InputLength];
            for (int m = 0; m < previousRates.Length; m++)
            {
                previousRates[m] = Polynomial.Variable(layerStart[0] + m);
            }

            var init = new double[layerStart[^1]];
            var previousValues = new double[network.InputLength];
            long terms = 0;
            for (int l = 0; l < network.Layers.Count; l++)
            {
                var layer = network.Layers[l];
                var rates = new Polynomial[layer.OutputLength];
                var values = new double[layer.OutputLength];
                for (int i = 0; i < layer.OutputLength; i++)
                {
                    int h = layerStart[l + 1] + i;
                    var dz = new Polynomial();
                    double z = layer.Bias[i];
                    for (int k = 0; k < layer.InputLength; k++)
                    {
                        dz.AddScaled(previousRates[k], layer.Weight(i, k));
                        z += layer.Weight(i, k) * previousValues[k];
                    }

                    rates[i] = Derivative(layer.Activation, h).Multiply(dz);
                    drifts[h] = rates[i];
                    values[i] = Evaluation.ActivationMath.Apply(layer.Activation, z);
                    init[h] = values[i];
                    terms += rates[i].Count;
                    if (terms > MaxTerms)
                    {
                        throw new NotSupportedException(
                            $"The polynomial recast exceeds {MaxTerms:N0} terms at layer {l}; it is an ablation for small networks only.");
                    }
                }

                previousRates = rates;
                previousValues = values;
            }

            return init;
        }

        /// <summary>σ'(z) written in h = σ(z).</summary>
        private static Polynomial Derivative(Activation activation, int h)
        {
            var p = new Polynomial();
            switch (activation.Kind)
            {
                case ActivationKind.Identity:
                    p.Add(Monomial.One, 1);
                    break;
                case ActivationKind.Tanh: // 1 − h²
                    p.Add(Monomial.One, 1);
                    p.Add(Monomial.Of(h, h), -1);
                    break;
                case ActivationKind.Sigmoid: // h − h²
                    p.Add(Monomial.Of(h), 1);
                    p.Add(Monomial.Of(h, h), -1);
                    break;
                default:
                    throw new NotSupportedException(
                        $"The polynomial recast needs tanh, sigmoid or identity activations; this network uses {activation}. Use the reversed-graph encoding.");
            }

            return p;
        }
    }
}
