using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SigmoidGen.Generator.Planning;

namespace SigmoidGen.Generator.Emitting;

/// <summary>
/// One kernel for the SIMD paths whose kernel prints the same: a layer whose inputs fit a tail of Vector128s (5 inputs,
/// say) gets the same output tiles, row blocks and one-row kernel on its Vector512, Vector256 and Vector128 paths, as
/// the plan picks the same vectors and tiles for each. The paths are printed first into a buffer, kernel by kernel; a
/// kernel whose text (its own name aside, and with the kernels it calls already shared) equals an earlier path's is
/// left out and its calls go to the earlier one, until nothing more is shared. The shared kernel is the same method, so
/// the same machine code: nothing about the arithmetic or the speed changes, only the size of the source.
/// </summary>
internal sealed partial class BackwardKernelEmitter
{
    private static readonly Regex KernelName = new(@"^private static void (\w+)[<(]");

    /// <summary>The entry's dispatch for every path (see <see cref="DispatchCall"/>), its calls to shared kernels renamed.</summary>
    public List<(int Bits, string Call, string? OneRowCall)> DispatchCalls(IEnumerable<BackwardPathPlan> plans)
    {
        List<BackwardPathPlan> paths = plans.ToList();
        Dictionary<string, string> shared = Share(Printed(paths)).Aliases;
        return paths.Select(DispatchCall)
            .Select(c => (c.Bits, Rename(c.Call, shared), c.OneRowCall is null ? null : Rename(c.OneRowCall, shared)))
            .ToList();
    }

    /// <summary>Every path's kernels, printed without sharing: per path, its methods' texts (from their summary line), in order.</summary>
    private List<(int Bits, List<string> Methods)> Printed(IReadOnlyList<BackwardPathPlan> paths)
    {
        CodeWriter writer = _w;
        var printed = new List<(int, List<string>)>();
        try
        {
            foreach (BackwardPathPlan path in paths)
            {
                _w = new CodeWriter();
                if (path.IsScalar)
                {
                    EmitScalarPath(path);
                }
                else
                {
                    EmitVectorPath(path);
                }

                printed.Add((path.Bits, SplitMethods(_w.ToString())));
            }
        }
        finally
        {
            _w = writer;
        }

        return printed;
    }

    /// <summary>The methods of a path's text: each from its <c>/// &lt;summary&gt;</c> line (at the left margin) to the next, trailing blank lines dropped.</summary>
    private static List<string> SplitMethods(string text)
    {
        var methods = new List<string>();
        var current = new List<string>();
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith("/// <summary>", System.StringComparison.Ordinal) && current.Any(l => l.Length > 0))
            {
                methods.Add(string.Join("\n", current).TrimEnd('\n'));
                current.Clear();
            }

            current.Add(line);
        }

        if (current.Any(l => l.Length > 0))
        {
            methods.Add(string.Join("\n", current).Trim('\n'));
        }

        return methods.Select(m => m.Trim('\n')).ToList();
    }

    private static string? NameOf(string method) =>
        method.Split('\n').Select(l => KernelName.Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;

    /// <summary>
    /// Which kernels are left out for an earlier path's of the same text (<c>Aliases</c>: name → the kept kernel's name),
    /// and, for each kept kernel, the widths of the other paths that call it.
    /// </summary>
    private static (Dictionary<string, string> Aliases, Dictionary<string, List<int>> SharedWith) Share(List<(int Bits, List<string> Methods)> printed)
    {
        var aliases = new Dictionary<string, string>();
        var sharedWith = new Dictionary<string, List<int>>();
        bool changed = true;
        while (changed)
        {
            changed = false;
            var byText = new Dictionary<string, string>();
            foreach ((int bits, List<string> methods) in printed)
            {
                foreach (string method in methods)
                {
                    string? name = NameOf(method);
                    if (name is null || aliases.ContainsKey(name))
                    {
                        continue;
                    }

                    string text = Regex.Replace(Rename(method, aliases), $@"\b{name}\b", "\u0001");
                    if (byText.TryGetValue(text, out string? kept))
                    {
                        aliases[name] = kept;
                        if (!sharedWith.TryGetValue(kept, out List<int>? widths))
                        {
                            sharedWith[kept] = widths = new List<int>();
                        }

                        widths.Add(bits);
                        changed = true;
                    }
                    else
                    {
                        byText[text] = name;
                    }
                }
            }
        }

        return (aliases, sharedWith);
    }

    /// <summary><paramref name="text"/> with every call to a left-out kernel going to the kernel kept in its place.</summary>
    private static string Rename(string text, Dictionary<string, string> aliases)
    {
        foreach (KeyValuePair<string, string> alias in aliases)
        {
            text = Regex.Replace(text, $@"\b{alias.Key}\b", alias.Value);
        }

        return text;
    }

    /// <summary>Prints the paths with their kernels shared: the kept ones, their calls renamed, each noting the other paths that call it.</summary>
    private void EmitShared(IReadOnlyList<BackwardPathPlan> paths)
    {
        List<(int Bits, List<string> Methods)> printed = Printed(paths);
        (Dictionary<string, string> aliases, Dictionary<string, List<int>> sharedWith) = Share(printed);
        foreach ((int _, List<string> methods) in printed)
        {
            _w.Line();
            bool first = true;
            foreach (string method in methods)
            {
                string? name = NameOf(method);
                if (name is not null && aliases.ContainsKey(name))
                {
                    continue;
                }

                if (!first)
                {
                    _w.Line();
                }

                first = false;
                string text = Rename(method, aliases);
                if (name is not null && sharedWith.TryGetValue(name, out List<int>? widths))
                {
                    text = NoteShared(text, widths);
                }

                foreach (string line in text.Split('\n'))
                {
                    _w.Line(line);
                }
            }
        }
    }

    /// <summary>The kernel's summary, noting the other paths that call it.</summary>
    private static string NoteShared(string method, List<int> widths)
    {
        bool one = widths.Distinct().Count() == 1;
        string paths = string.Join(" and ", widths.Distinct().Select(b => b == 0 ? "scalar" : $"Vector{b}"));
        string note = one ? $" The {paths} path calls it too: its kernel is the same." : $" The {paths} paths call it too: their kernel is the same.";
        int end = method.IndexOf("</summary>", System.StringComparison.Ordinal);
        return end < 0 ? method : method.Insert(end, note);
    }
}
