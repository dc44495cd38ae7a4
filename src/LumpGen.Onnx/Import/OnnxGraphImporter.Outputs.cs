namespace LumpGen.Onnx.Import;

/// <summary>Choosing the output: scikit-learn classifier tails (label, ZipMap) are dropped, the probabilities kept.</summary>
internal sealed partial class OnnxGraphImporter
{
    private static readonly HashSet<string> s_labelOperators = ["ArgMax", "ArgMin", "ArrayFeatureExtractor", "Binarizer", "TopK"];

    /// <summary>The name of the tensor the network computes, and the nodes needed for it (in graph order).</summary>
    private (string Output, List<OnnxNode> Needed) SelectOutput(List<OnnxNode> all)
    {
        var producers = new Dictionary<string, OnnxNode>(StringComparer.Ordinal);
        foreach (var node in all)
        {
            foreach (string output in node.Proto.Output)
            {
                if (output.Length > 0 && !producers.TryAdd(output, node))
                {
                    throw node.Fail(OnnxErrorKind.InvalidValue, $"the tensor '{output}' is also produced by {producers[output].Description}; names must be unique.");
                }
            }
        }

        if (_graph.Output.Count == 0)
        {
            throw Fail(OnnxErrorKind.InvalidFile, "the graph has no outputs.");
        }

        var candidates = new List<(string Declared, string Tensor)>();
        foreach (var declared in _graph.Output)
        {
            string tensor = declared.Name;
            if (producers.TryGetValue(tensor, out var zipMap) && zipMap.OpType == "ZipMap" && zipMap.Proto.Domain == MlDomain)
            {
                tensor = zipMap.Input(0);
                _notices.Add(
                    $"Dropped {zipMap.Description} on the output '{declared.Name}': the class probabilities are returned as a tensor, one column per class.");
            }

            var labelNodes = Cone(tensor, producers).Order().Select(p => all[p]).Where(n => s_labelOperators.Contains(n.OpType)).ToList();
            if (labelNodes.Count > 0)
            {
                _notices.Add(
                    $"Dropped the class-label output '{declared.Name}' (computed by {string.Join(", ", labelNodes.Select(n => n.Description))}): " +
                    "the network returns the class probabilities; the label is their arg-max.");
                continue;
            }

            if (!candidates.Any(c => c.Tensor == tensor))
            {
                candidates.Add((declared.Name, tensor));
            }
        }

        string chosen;
        if (_options.OutputName is { } wanted)
        {
            var match = candidates.FirstOrDefault(c => c.Declared == wanted || c.Tensor == wanted);
            chosen = match.Tensor ?? throw Fail(
                OnnxErrorKind.UnsupportedGraph,
                $"the requested output '{wanted}' is not among the importable outputs ({string.Join(", ", candidates.Select(c => "'" + c.Declared + "'"))}).");
        }
        else if (candidates.Count == 1)
        {
            chosen = candidates[0].Tensor;
        }
        else if (candidates.Count == 0)
        {
            throw Fail(OnnxErrorKind.UnsupportedGraph, "no output is left after dropping the classifier label outputs.");
        }
        else
        {
            throw Fail(
                OnnxErrorKind.UnsupportedGraph,
                $"the graph has {candidates.Count} outputs ({string.Join(", ", candidates.Select(c => "'" + c.Declared + "'"))}); " +
                "a LumpGen network has one. Choose one with OnnxImportOptions.OutputName.");
        }

        var neededNodes = Cone(chosen, producers);
        var needed = TopologicalOrder(all.Where(n => neededNodes.Contains(n.Position)).ToList());
        var live = new HashSet<int>();
        foreach (var declared in _graph.Output)
        {
            live.UnionWith(Cone(declared.Name, producers));
        }

        int dead = all.Count - live.Count;
        if (dead > 0)
        {
            _notices.Add($"Ignored {dead} node(s) that no graph output depends on.");
        }

        return (chosen, needed);
    }

    /// <summary>
    /// The nodes in an order where every input is produced before it is used, keeping the file's order where
    /// it already is one (ONNX requires sorted graphs, but some exporters put Constant nodes last).
    /// </summary>
    private static List<OnnxNode> TopologicalOrder(List<OnnxNode> nodes)
    {
        // Kahn's algorithm, always taking the ready node that comes first in the file: O(n log n) whatever the order.
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (string output in nodes[i].Proto.Output)
            {
                if (output.Length > 0)
                {
                    producer[output] = i;
                }
            }
        }

        var waiting = new int[nodes.Count];
        var dependents = new List<int>[nodes.Count];
        var ready = new PriorityQueue<int, int>();
        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (string input in nodes[i].Inputs)
            {
                if (input.Length > 0 && producer.TryGetValue(input, out int p))
                {
                    waiting[i]++;
                    (dependents[p] ??= []).Add(i);
                }
            }

            if (waiting[i] == 0)
            {
                ready.Enqueue(i, nodes[i].Position);
            }
        }

        var ordered = new List<OnnxNode>(nodes.Count);
        while (ready.TryDequeue(out int i, out _))
        {
            ordered.Add(nodes[i]);
            foreach (int d in dependents[i] ?? [])
            {
                if (--waiting[d] == 0)
                {
                    ready.Enqueue(d, nodes[d].Position);
                }
            }
        }

        if (ordered.Count != nodes.Count)
        {
            var stuck = nodes.Where((_, i) => waiting[i] > 0).First();
            throw stuck.Fail(OnnxErrorKind.InvalidValue, "the graph has a cycle: this node depends, directly or not, on its own output.");
        }

        return ordered;
    }

    /// <summary>Positions of the nodes that <paramref name="tensor"/> depends on.</summary>
    private static HashSet<int> Cone(string tensor, Dictionary<string, OnnxNode> producers)
    {
        var nodes = new HashSet<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(tensor);
        while (stack.Count > 0)
        {
            string name = stack.Pop();
            if (!seen.Add(name) || !producers.TryGetValue(name, out var producer) || !nodes.Add(producer.Position))
            {
                continue;
            }

            foreach (string input in producer.Inputs)
            {
                if (input.Length > 0)
                {
                    stack.Push(input);
                }
            }
        }

        return nodes;
    }
}
