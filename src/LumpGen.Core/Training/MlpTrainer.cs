using LumpGen.Data;
using LumpGen.Format;
using LumpGen.Model;

namespace LumpGen.Training;

/// <summary>
/// Trains multilayer perceptrons: mean squared error, Adam (Kingma &amp; Ba 2015, with bias correction),
/// shuffled mini-batches, early stopping on a validation split (the best weights are kept). Inputs and
/// targets are standardised through the network's own <see cref="InputTransform"/> and
/// <see cref="OutputTransform"/>, so the loss is in standardised target units and the result maps raw
/// features to raw targets. Single-threaded and seeded: the same data, options and seed give a
/// bit-identical network. Inner loops are TensorPrimitives calls over spans (no LINQ, no allocation per step).
/// </summary>
public static class MlpTrainer
{
    /// <summary>
    /// A fresh network for <paramref name="data"/>: hidden layers of the given widths with
    /// <paramref name="activation"/>, an identity output layer, Glorot-uniform weights
    /// (U(±√(6/(in+out)))), zero biases, and the data's standardisation as transforms.
    /// </summary>
    public static Network Initialize(RegressionData data, IReadOnlyList<int> hidden, Activation activation, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(hidden);
        if (!TrainableActivations.IsSupported(activation))
        {
            throw new ArgumentException($"Training supports identity, relu, leaky_relu, tanh, sigmoid, softplus and elu, not '{activation}'.", nameof(activation));
        }

        var random = new Random(seed);
        var widths = new List<int> { data.FeatureCount };
        foreach (int h in hidden)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(h, 1, nameof(hidden));
            widths.Add(h);
        }

        widths.Add(data.TargetCount);
        var layers = new List<DenseLayer>();
        for (int l = 0; l + 1 < widths.Count; l++)
        {
            int inputs = widths[l], outputs = widths[l + 1];
            float limit = MathF.Sqrt(6f / (inputs + outputs));
            var w = new float[inputs * outputs];
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = (float)(((random.NextDouble() * 2) - 1) * limit);
            }

            bool last = l + 2 == widths.Count;
            layers.Add(new DenseLayer(w, new float[outputs], last ? Activation.Identity : activation));
        }

        return new Network(layers, Standardization.Inputs(data), Standardization.Outputs(data), new NetworkMetadata(Name: data.Name));
    }

    /// <summary><see cref="Initialize"/> then <see cref="Train"/>: the whole training run of <c>lumpgen train</c>.</summary>
    public static TrainingResult Fit(
        RegressionData train, RegressionData? validation, IReadOnlyList<int> hidden, Activation activation, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var start = Initialize(train, hidden, activation, options.Seed);
        return Train(start, train, validation, options);
    }

    /// <summary>
    /// Continues training <paramref name="start"/> (a fresh network, or a lumped or pruned one for
    /// fine-tuning). Transforms are kept fixed. With <paramref name="weightMasks"/> (per layer, row-major
    /// like the weights, 0 = pruned), masked weights stay exactly 0 after every step, so a pruned
    /// network keeps its sparsity; a null entry means the layer is dense.
    /// </summary>
    /// <exception cref="ArgumentException">Data and network disagree on widths, an activation is not trainable, or a mask has the wrong length.</exception>
    public static TrainingResult Train(
        Network start, RegressionData train, RegressionData? validation, TrainingOptions options, IReadOnlyList<float[]?>? weightMasks = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Check(start, train, nameof(train));
        if (validation is not null)
        {
            Check(start, validation, nameof(validation));
        }

        foreach (var layer in start.Layers)
        {
            if (!TrainableActivations.IsSupported(layer.Activation))
            {
                throw new ArgumentException($"Training does not support the activation '{layer.Activation}'.", nameof(start));
            }
        }

        if (weightMasks is not null && weightMasks.Count != start.Layers.Count)
        {
            throw new ArgumentException($"{weightMasks.Count} masks for {start.Layers.Count} layers.", nameof(weightMasks));
        }

        var session = new TrainingSession(start, weightMasks);
        return session.Run(train, validation, options);
    }

    /// <summary>MSE in standardised target units of <paramref name="network"/> on <paramref name="data"/> (the trainer's loss), computed with the float32 training kernels.</summary>
    public static double Loss(Network network, RegressionData data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        Check(network, data, nameof(data));
        var session = new TrainingSession(network, null);
        var (x, t) = session.Standardize(data);
        return session.MeanSquaredError(x, t, data.Rows);
    }

    private static void Check(Network network, RegressionData data, string name)
    {
        if (data.FeatureCount != network.InputLength || data.TargetCount != network.OutputLength)
        {
            throw new ArgumentException(
                $"The data '{data.Name}' has {data.FeatureCount} features and {data.TargetCount} targets; the network takes {network.InputLength} inputs and gives {network.OutputLength} outputs.",
                name);
        }
    }
}
