namespace SigmoidGen.Generator;
internal static class Placeholder { }
