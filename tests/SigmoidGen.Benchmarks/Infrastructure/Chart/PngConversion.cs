using System.ComponentModel;
using System.Diagnostics;

namespace SigmoidGen.Benchmarks.Infrastructure.Chart;

/// <summary>
/// SVG to PNG at twice the SVG's size, with the first converter that is installed and succeeds: <c>rsvg-convert</c>
/// (librsvg, closest to a browser's rendering), ImageMagick 7's <c>magick</c>, ImageMagick 6's <c>convert</c> (tried
/// last because on Windows <c>convert</c> is also a system tool). ImageMagick renders SVG with librsvg or its own
/// simpler renderer, whichever it was built with.
/// </summary>
public static class PngConversion
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Converts <paramref name="svgPath"/> to <paramref name="pngPath"/>; true if the PNG was written.
    /// <paramref name="message"/> says what happened (the tool used, or why there is no PNG).
    /// </summary>
    public static bool TryConvert(string svgPath, string pngPath, out string message)
    {
        File.Delete(pngPath); // so that a PNG afterwards is this conversion's
        (string Tool, string[] Arguments)[] converters =
        [
            ("rsvg-convert", ["--zoom", "2", "--background-color", "white", "--output", pngPath, svgPath]),
            ("magick", ["-density", "192", "-background", "white", svgPath, "-flatten", pngPath]),
            ("convert", ["-density", "192", "-background", "white", svgPath, "-flatten", pngPath]),
        ];
        var failures = new List<string>();
        foreach ((string tool, string[] arguments) in converters)
        {
            var start = new ProcessStartInfo(tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            Process? process;
            try
            {
                process = Process.Start(start);
            }
            catch (Win32Exception)
            {
                failures.Add($"{tool}: not found");
                continue;
            }

            if (process is null)
            {
                failures.Add($"{tool}: did not start");
                continue;
            }

            using (process)
            {
                Task<string> output = process.StandardOutput.ReadToEndAsync();
                Task<string> error = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(Timeout))
                {
                    process.Kill(entireProcessTree: true);
                    failures.Add($"{tool}: no result after {Timeout.TotalSeconds:F0} s");
                    continue;
                }

                string said = (output.Result + error.Result).Trim();
                if (process.ExitCode == 0 && File.Exists(pngPath) && new FileInfo(pngPath).Length > 0)
                {
                    message = $"PNG written by {tool}" + (said.Length > 0 ? $" ({said})" : "");
                    return true;
                }

                failures.Add($"{tool}: exit code {process.ExitCode}" + (said.Length > 0 ? $": {said}" : ""));
            }
        }

        message = "no PNG: no SVG converter (rsvg-convert or ImageMagick) worked (" + string.Join("; ", failures) + ")";
        return false;
    }
}
