using System.Diagnostics;
using System.Globalization;
using LumpGen.Samples.Aot;

// A 1-32-1 ReLU network (Models/sine.lump) that computes sin for an angle in degrees, as the piecewise-linear
// interpolant through 33 knots on [−180°, 180°]. SineModel is generated at build time from the .lump file.
Console.WriteLine($"SineModel: {SineModel.InputLength} input, {SineModel.OutputLength} output, {SineModel.ParameterCount} parameters");
Console.WriteLine();
Console.WriteLine("  angle    network     Math.Sin    error");
Span<float> output = stackalloc float[SineModel.OutputLength];
for (int degrees = -180; degrees <= 180; degrees += 30)
{
    SineModel.Predict([degrees], output);
    double exact = Math.Sin(degrees * Math.PI / 180);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{degrees,7}° {output[0],10:F5} {exact,12:F5} {output[0] - exact,8:F5}"));
}

// Timing: one sample at a time, then batches of 1,024 (row-major) through PredictBatch.
const int Calls = 2_000_000;
const int Batches = 4_000;
float[] angles = new float[1024];
float[] results = new float[angles.Length];
for (int i = 0; i < angles.Length; i++)
{
    angles[i] = -180f + (360f * i / angles.Length);
}

float sink = 0;
for (int i = 0; i < 100_000; i++)
{
    SineModel.Predict(angles.AsSpan(i & 1023, 1), output);
    sink += output[0];
}

SineModel.PredictBatch(angles, results);
var watch = new Stopwatch();
long allocated = GC.GetAllocatedBytesForCurrentThread();
watch.Start();
for (int i = 0; i < Calls; i++)
{
    SineModel.Predict(angles.AsSpan(i & 1023, 1), output);
    sink += output[0];
}

watch.Stop();
double single = watch.Elapsed.TotalNanoseconds / Calls;
watch.Restart();
for (int i = 0; i < Batches; i++)
{
    SineModel.PredictBatch(angles, results);
    sink += results[i & 1023];
}

watch.Stop();
allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
double batch = watch.Elapsed.TotalNanoseconds / (Batches * (double)angles.Length);

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Predict:      {single:F1} ns/inference ({Calls:N0} calls)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PredictBatch: {batch:F2} ns/inference (batches of {angles.Length})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Allocated while timing: {allocated} bytes (checksum {sink:F1})"));
