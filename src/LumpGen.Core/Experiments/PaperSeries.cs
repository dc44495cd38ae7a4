using LumpGen.Evaluation;

namespace LumpGen.Experiments;

/// <summary>Mean, sample standard deviation and count of one method's test RMSE at one GRP target across seeds.</summary>
/// <param name="Method">A name from <see cref="CompressionMethods"/>.</param>
/// <param name="Mean">Mean test RMSE.</param>
/// <param name="Sd">Sample standard deviation (n − 1); 0 for a single seed.</param>
/// <param name="Count">Seeds that produced this method at this target.</param>
public sealed record MethodStats(string Method, double Mean, double Sd, int Count)
{
    /// <summary>Standard error of the mean, <c>sd / √n</c> (0 for a single seed).</summary>
    public double StandardError => Count > 0 ? Sd / Math.Sqrt(Count) : double.NaN;

    /// <summary>The statistics of <paramref name="values"/>.</summary>
    public static MethodStats Of(string method, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Count;
        double mean = n == 0 ? double.NaN : values.Average();
        double sd = n < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        return new MethodStats(method, mean, sd, n);
    }
}

/// <summary>How lumping does at one level when compared on the means across seeds.</summary>
public enum LevelOutcome
{
    /// <summary>The best lumping variant's mean is lower by at least the larger standard error.</summary>
    Win,

    /// <summary>The means differ by less than the larger of the two standard errors.</summary>
    Tie,

    /// <summary>The better baseline's mean is lower by at least the larger standard error.</summary>
    Loss,
}

/// <summary>
/// One GRP target across seeds. Levels are chosen per seed by the ε search, so each seed's level is
/// matched to the smallest GRP target that is ≥ its GRP (see <see cref="PaperSeries.TargetOf"/>).
/// </summary>
/// <param name="Target">The GRP target (%).</param>
/// <param name="MeanGrp">Mean GRP% actually reached.</param>
/// <param name="Shapes">The lumped shapes seen (distinct, in seed order).</param>
/// <param name="Seeds">Seeds with a level at this target.</param>
/// <param name="Methods">Per-method statistics, in <see cref="CompressionMethods.All"/> order.</param>
public sealed record SeedLevel(double Target, double MeanGrp, IReadOnlyList<string> Shapes, int Seeds, IReadOnlyList<MethodStats> Methods)
{
    /// <summary>The statistics of <paramref name="method"/>, or null when it never ran.</summary>
    public MethodStats? Find(string method) => Methods.FirstOrDefault(m => m.Method == method);

    /// <summary>The variant of <paramref name="methods"/> with the lowest mean RMSE (null when none ran).</summary>
    public MethodStats? Best(IEnumerable<string> methods) =>
        methods.Select(Find).Where(m => m is not null && !double.IsNaN(m.Mean)).MinBy(m => m!.Mean);

    /// <summary>The better baseline: the lowest mean over the magnitude and Wanda variants.</summary>
    public MethodStats? BestBaseline => Best(CompressionMethods.Magnitude.Concat(CompressionMethods.WandaVariants));

    /// <summary>True when the baselines ran at this target.</summary>
    public bool HasBaselines => Find(CompressionMethods.Wanda) is not null;

    /// <summary>
    /// Win, tie or loss of the best lumping variant (lowest mean) against the better baseline (lowest
    /// mean over magnitude and Wanda variants): a tie when the means differ by less than the larger of
    /// the two standard errors; with one seed the errors are 0 and only exact equality ties.
    /// </summary>
    public LevelOutcome Outcome
    {
        get
        {
            var lump = Best(CompressionMethods.Lumping) ?? throw new InvalidOperationException("No lumping variant at this level.");
            var baseline = BestBaseline ?? throw new InvalidOperationException("No baseline at this level.");
            double difference = baseline.Mean - lump.Mean;
            double threshold = Math.Max(lump.StandardError, baseline.StandardError);
            return Math.Abs(difference) < threshold || difference == 0 ? LevelOutcome.Tie
                : difference > 0 ? LevelOutcome.Win : LevelOutcome.Loss;
        }
    }

    /// <summary>100 · (best lumping mean / better baseline mean − 1); negative = lumping lower.</summary>
    public double MarginPercent => 100 * ((Best(CompressionMethods.Lumping)!.Mean / BestBaseline!.Mean) - 1);

    /// <summary>The tie threshold in the units of <see cref="MarginPercent"/>: 100 · max(standard errors) / better baseline mean.</summary>
    public double TiePercent => 100 * Math.Max(Best(CompressionMethods.Lumping)!.StandardError, BestBaseline!.StandardError) / BestBaseline!.Mean;

    /// <summary>This target as a <see cref="CompressionLevel"/> of mean RMSEs (ε NaN), for plots and counts.</summary>
    public CompressionLevel ToMeanLevel() => new(double.NaN, 0, MeanGrp, string.Join("/", Shapes),
        [.. Methods.Select(m => new MethodResult(m.Method, 0, new RegressionMetrics(m.Mean, double.NaN, double.NaN, double.NaN, 1)))]);
}

/// <summary>The runs of one data set over seeds 1..N, and their aggregate per GRP target.</summary>
public sealed record PaperSeries
{
    /// <summary>Builds the aggregate from one run per seed (all of the same data set and plan apart from the seed).</summary>
    public PaperSeries(IReadOnlyList<PaperResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("At least one run is needed.", nameof(runs));
        }

        Runs = runs;
        var targets = runs[0].Plan.GrpTargets;
        var levels = new List<SeedLevel>();
        foreach (double target in targets.OrderDescending())
        {
            var matched = runs.SelectMany(r => r.Levels).Where(l => TargetOf(l.GrpPercent, targets) == target).ToList();
            if (matched.Count == 0)
            {
                continue;
            }

            var methods = new List<MethodStats>();
            foreach (string method in CompressionMethods.All)
            {
                var values = matched.Select(l => l.Find(method)).Where(m => m is not null).Select(m => m!.Test.Rmse).ToList();
                if (values.Count > 0)
                {
                    methods.Add(MethodStats.Of(method, values));
                }
            }

            levels.Add(new SeedLevel(target, matched.Average(l => l.GrpPercent), [.. matched.Select(l => l.Shape).Distinct()], matched.Count, methods));
        }

        Levels = levels;
    }

    /// <summary>One run per seed, seed 1 first.</summary>
    public IReadOnlyList<PaperResult> Runs { get; }

    /// <summary>The plan of seed 1.</summary>
    public PaperPlan Plan => Runs[0].Plan;

    /// <summary>The aggregate per GRP target, largest target first (targets no seed reached are left out).</summary>
    public IReadOnlyList<SeedLevel> Levels { get; }

    /// <summary>Mean and sample sd of the original networks' test RMSE.</summary>
    public MethodStats Original => MethodStats.Of("original", [.. Runs.Select(r => r.Original.Rmse)]);

    /// <summary>Targets whose mean GRP is within [30 %, 70 %] and where the baselines ran.</summary>
    public IReadOnlyList<SeedLevel> GoalLevels =>
        [.. Levels.Where(l => l.MeanGrp is >= PaperResult.GoalLow and <= PaperResult.GoalHigh && l.HasBaselines)];

    /// <summary>Goal-range targets with <paramref name="outcome"/>.</summary>
    public int GoalCount(LevelOutcome outcome) => GoalLevels.Count(l => l.Outcome == outcome);

    /// <summary>The data set counts for the goal when lumping wins (on the means, ties not counted) at more than half of its goal-range targets.</summary>
    public bool MeetsGoal => GoalLevels.Count > 0 && GoalCount(LevelOutcome.Win) * 2 > GoalLevels.Count;

    /// <summary>The GRP target a level with <paramref name="grpPercent"/> is matched to: the smallest target ≥ it (NaN when above all).</summary>
    public static double TargetOf(double grpPercent, IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var above = targets.Where(t => t >= grpPercent).ToList();
        return above.Count == 0 ? double.NaN : above.Min();
    }
}
