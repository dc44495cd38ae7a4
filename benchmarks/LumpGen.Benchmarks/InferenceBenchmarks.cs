using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using LumpGen.Benchmarks.Generated;
using LumpGen.Benchmarks.Models;
using LumpGen.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace LumpGen.Benchmarks;

/// <summary>
/// Generated inference code against ONNX Runtime on the same seeded networks, 8-64-64-1 and
/// 64-512-512-10 (issue 5; results in docs/benchmarks.md). ONNX Runtime runs the graph LumpGen.Onnx exports
/// (Gemm + Relu), one thread, sequential execution, all graph optimisations, through the OrtValue API with
/// pre-allocated input and output buffers: its cheapest steady-state path. Both sides are checked to agree
/// before timing. Run:
/// <c>dotnet run -c Release --project benchmarks/LumpGen.Benchmarks -- --filter '*Inference*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class InferenceBenchmarks : IDisposable
{
    private Action _run = null!;
    private float[] _inputs = [];
    private float[] _outputs = [];
    private float[] _ortOutputs = [];
    private InferenceSession? _session;
    private RunOptions? _runOptions;
    private OrtValue? _ortInput;
    private OrtValue? _ortOutput;
    private string[] _inputNames = [];
    private string[] _outputNames = [];
    private OrtValue[] _inputValues = [];
    private OrtValue[] _outputValues = [];

    /// <summary>The network.</summary>
    [Params("8-64-64-1", "64-512-512-10")]
    public string Network { get; set; } = "";

    /// <summary>Samples per call: 1 (Predict) or 64 (PredictBatch).</summary>
    [Params(1, 64)]
    public int Batch { get; set; }

    /// <summary>Builds both sides and checks that they agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        bool small = Network == "8-64-64-1";
        var network = small ? BenchmarkNetworks.Small() : BenchmarkNetworks.Large();
        int n = network.InputLength, m = network.OutputLength;
        var random = new Random(7);
        _inputs = [.. Enumerable.Range(0, Batch * n).Select(_ => (random.NextSingle() * 2) - 1)];
        _outputs = new float[Batch * m];
        _ortOutputs = new float[Batch * m];
        _run = (small, Batch) switch
        {
            (true, 1) => () => SmallMlp.Predict(_inputs, _outputs),
            (true, _) => () => SmallMlp.PredictBatch(_inputs, _outputs),
            (false, 1) => () => LargeMlp.Predict(_inputs, _outputs),
            _ => () => LargeMlp.PredictBatch(_inputs, _outputs),
        };

        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(OnnxExporter.ToBytes(network), options);
        _runOptions = new RunOptions();
        _ortInput = OrtValue.CreateTensorValueFromMemory(_inputs, [Batch, n]);
        _ortOutput = OrtValue.CreateTensorValueFromMemory(_ortOutputs, [Batch, m]);
        _inputNames = [OnnxExporter.InputName];
        _outputNames = [OnnxExporter.OutputName];
        _inputValues = [_ortInput];
        _outputValues = [_ortOutput];

        Generated();
        OnnxRuntime();
        for (int i = 0; i < _outputs.Length; i++)
        {
            // Same float32 weights, different summation order: agreement to 1e-4 of the output scale.
            if (Math.Abs(_outputs[i] - _ortOutputs[i]) > 1e-4 * Math.Max(1, Math.Abs(_ortOutputs[i])))
            {
                throw new InvalidOperationException($"Generated code and ONNX Runtime disagree at {i}: {_outputs[i]} vs {_ortOutputs[i]}.");
            }
        }
    }

    /// <summary>The generated class: Predict for batch 1, PredictBatch otherwise.</summary>
    [Benchmark]
    public void Generated() => _run();

    /// <summary>ONNX Runtime with pre-allocated OrtValues.</summary>
    [Benchmark(Baseline = true)]
    public void OnnxRuntime() => _session!.Run(_runOptions, _inputNames, _inputValues, _outputNames, _outputValues);

    /// <summary>Releases the native ONNX Runtime objects.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _ortInput?.Dispose();
        _ortOutput?.Dispose();
        _runOptions?.Dispose();
        _session?.Dispose();
        _session = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>Short runs in-process (2 cores: the machine is shared; BenchmarkDotNet's defaults take minutes per case).</summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"));
        }
    }
}
