using LumpGen.Data;
using LumpGen.Evaluation;
using LumpGen.Format;
using LumpGen.Model;
using LumpGen.Training;

namespace LumpGen.Core.Tests.Training;

public class MlpTrainerTests
{
    // y = sin(x1) + 0.5·x2² + 100 on [−2, 2]²; the offset and the target's scale check that
    // standardisation is folded into the transforms. Target standard deviation ≈ 0.95.
    private static RegressionData KnownFunction(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new float[rows * 2];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            float a = (float)((random.NextDouble() * 4) - 2), b = (float)((random.NextDouble() * 4) - 2);
            x[2 * r] = a;
            x[(2 * r) + 1] = b;
            y[r] = MathF.Sin(a) + (0.5f * b * b) + 100f;
        }

        return new RegressionData("known", x, y, ["x1", "x2"], ["y"]);
    }

    private static readonly TrainingOptions s_options = new() { Epochs = 150, BatchSize = 32, LearningRate = 3e-3f, Patience = 20, Seed = 3 };

    [Fact]
    public void Learns_a_known_smooth_function_to_a_stated_error()
    {
        var train = KnownFunction(2000, 1);
        var validation = KnownFunction(500, 2);
        var test = KnownFunction(1000, 3);
        var result = MlpTrainer.Fit(train, validation, [32, 32], Activation.Tanh, s_options);
        var predictions = ReferenceEvaluator.PredictBatch(result.Network, test.Features);
        var metrics = RegressionMetrics.Compute(predictions, [.. test.Targets.Select(v => (double)v)]);

        // 0.03 is ~3% of the target's standard deviation: far below the 0.95 of predicting the mean,
        // and loose enough for float32 training noise (measured: ≈0.01).
        Assert.True(metrics.Rmse < 0.03, $"test RMSE {metrics.Rmse}");
        Console.WriteLine($"trainer known-function test RMSE {metrics.Rmse:G4}, R² {metrics.R2:G6}, epochs {result.EpochsRun}");
        Assert.True(metrics.R2 > 0.999, $"R² {metrics.R2}");
        Assert.NotNull(result.Network.InputTransform);
        Assert.Equal(100f + (0.5f * 4f / 3f), result.Network.OutputTransform!.Offset[0], 0.1f); // the target mean (100 + E[0.5·x2²] = 100.67) is folded into the offset
    }

    [Fact]
    public void Same_seed_gives_a_bit_identical_network_and_another_seed_does_not()
    {
        var train = KnownFunction(300, 1);
        var options = s_options with { Epochs = 5 };
        var a = MlpTrainer.Fit(train, null, [8], Activation.Tanh, options).Network;
        var b = MlpTrainer.Fit(train, null, [8], Activation.Tanh, options).Network;
        var c = MlpTrainer.Fit(train, null, [8], Activation.Tanh, options with { Seed = 4 }).Network;
        Assert.Equal(a.Layers[0].Weights.ToArray(), b.Layers[0].Weights.ToArray());
        Assert.NotEqual(a.Layers[0].Weights.ToArray(), c.Layers[0].Weights.ToArray());
    }

    [Fact]
    public void Early_stopping_returns_the_best_validation_epoch()
    {
        var train = KnownFunction(200, 1);
        var validation = KnownFunction(200, 2);
        var result = MlpTrainer.Fit(train, validation, [16], Activation.Tanh, s_options with { Epochs = 400, Patience = 5, LearningRate = 0.05f });
        Assert.True(result.EpochsRun < 400, "a large step size should stop early");
        Assert.Equal(result.ValidationLoss.Min(), result.BestValidationLoss, 12);
        Assert.Equal(result.BestValidationLoss, MlpTrainer.Loss(result.Network, validation), 1e-6); // the returned weights are the best ones
    }

    [Theory]
    [InlineData(ActivationKind.Relu)]
    [InlineData(ActivationKind.Sigmoid)]
    [InlineData(ActivationKind.Softplus)]
    [InlineData(ActivationKind.Elu)]
    [InlineData(ActivationKind.LeakyRelu)]
    public void Training_lowers_the_loss_for_every_trainable_activation(ActivationKind kind)
    {
        // A sign or derivative error in the backward pass of an activation makes small full-batch
        // steps raise the loss instead of lowering it.
        var train = KnownFunction(64, 5);
        var activation = kind == ActivationKind.Elu ? Activation.Elu() : kind == ActivationKind.LeakyRelu ? Activation.LeakyRelu() : new Activation(kind);
        var start = MlpTrainer.Initialize(train, [6], activation, 9);
        double before = MlpTrainer.Loss(start, train);
        var after = MlpTrainer.Train(start, train, null, new TrainingOptions { Epochs = 20, BatchSize = 64, LearningRate = 1e-3f, Patience = 0 });
        Assert.True(MlpTrainer.Loss(after.Network, train) < before);
        Assert.True(after.TrainLoss[^1] < after.TrainLoss[0]);
    }

    [Fact]
    public void Masked_weights_stay_exactly_zero_while_training()
    {
        var train = KnownFunction(200, 1);
        var start = MlpTrainer.Initialize(train, [8], Activation.Tanh, 1);
        var mask = new float[start.Layers[0].Weights.Length];
        for (int i = 0; i < mask.Length; i += 2)
        {
            mask[i] = 1f;
        }

        var result = MlpTrainer.Train(start, train, null, s_options with { Epochs = 3 }, [mask, null]);
        var w = result.Network.Layers[0].Weights;
        for (int i = 0; i < w.Length; i++)
        {
            Assert.True(mask[i] == 1f || w[i] == 0f, $"weight {i} = {w[i]} should be pruned");
        }

        Assert.Contains(result.Network.Layers[0].Weights.ToArray(), v => v != 0f);
    }

    [Fact]
    public void Rejects_data_of_the_wrong_width()
    {
        var train = KnownFunction(10, 1);
        var net = MlpTrainer.Initialize(train, [4], Activation.Tanh, 1);
        var wide = new RegressionData("wide", new float[30], new float[10], ["a", "b", "c"], ["y"]);
        var e = Assert.Throws<ArgumentException>(() => MlpTrainer.Train(net, wide, null, s_options));
        Assert.Contains("3 features", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_untrainable_activations()
    {
        var train = KnownFunction(10, 1);
        Assert.Throws<ArgumentException>(() => MlpTrainer.Initialize(train, [4], Activation.Gelu, 1));
        _ = new Network([new DenseLayer([1f], [0f], Activation.Identity)]);
    }
}
