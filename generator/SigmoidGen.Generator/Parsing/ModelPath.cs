using System;

namespace SigmoidGen.Generator.Parsing;

/// <summary>
/// Which <c>AdditionalFiles</c> item a <c>Model = "…"</c> names. The compiler gives items by full path and the attribute
/// cannot know where the project is, so the rule is by trailing path segments: the item matches when its path, with
/// <c>\</c> read as <c>/</c>, equals the argument or ends with <c>/</c> + the argument, compared case-insensitively (as
/// on Windows and macOS file systems). <c>"cancer.safetensors"</c> matches <c>/src/app/models/cancer.safetensors</c>,
/// so does <c>"models/cancer.safetensors"</c>; <c>"cer.safetensors"</c> does not. A leading <c>./</c> is ignored.
/// </summary>
internal static class ModelPath
{
    public static bool Matches(string itemPath, string modelPath)
    {
        string item = Normalize(itemPath), model = Normalize(modelPath);
        while (model.StartsWith("./", StringComparison.Ordinal))
        {
            model = model.Substring(2);
        }

        if (model.Length == 0)
        {
            return false;
        }

        return string.Equals(item, model, StringComparison.OrdinalIgnoreCase) ||
            (item.Length > model.Length && item[item.Length - model.Length - 1] == '/' &&
             item.EndsWith(model, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The file name alone, for messages and comments.</summary>
    public static string FileName(string path)
    {
        string normalized = Normalize(path);
        return normalized.Substring(normalized.LastIndexOf('/') + 1);
    }

    private static string Normalize(string path) => path.Replace('\\', '/').Trim();
}
