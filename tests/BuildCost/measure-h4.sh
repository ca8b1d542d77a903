#!/usr/bin/env bash
# Build cost of generated code (issue 16): for each case a fresh project referencing the runtime and the generator is
# built once (restore, project references), then its declaration file is touched and it is built again with a cold
# compiler (no build server, no MSBuild node reuse, one in-process node: csc is a waited-for child), three times. Prints the generated size, the median wall time
# of the rebuild and the compiler's peak memory (max RSS of the csc process, from GNU time over the build's children).
# Usage: bash tests/BuildCost/measure.sh [case...]   (cases: layer layer-adam network-5-3-1 network-30-16-1 network-100x4 empty)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

declaration() {
  case "$1" in
    empty) echo 'public static class Nothing { }' ;;
    layer) echo 'public static partial class L { [SigmoidGen.SigmoidLayer(30, 16)] public static partial void F(System.ReadOnlySpan<float> input, System.ReadOnlySpan<float> weights, System.ReadOnlySpan<float> bias, System.Span<float> output); }' ;;
    layer-adam) echo 'public static partial class L { [SigmoidGen.SigmoidLayerTrainStep(30, 16, Optimizer = SigmoidGen.SigmoidOptimizerKind.Adam)] public static partial void T(System.ReadOnlySpan<float> input, System.Span<float> weights, System.Span<float> bias, System.ReadOnlySpan<float> output, System.ReadOnlySpan<float> outputGradient, SigmoidGen.SigmoidAdamStep optimizer, System.Span<float> m, System.Span<float> v, System.Span<float> inputGradient); }' ;;
    network-5-3-1) echo '[SigmoidGen.SigmoidNetwork(5, 3, 1)] public partial class N { }' ;;
    network-30-16-1) echo '[SigmoidGen.SigmoidNetwork(30, 16, 1)] public partial class N { }' ;;
    two-networks) echo "[SigmoidGen.SigmoidNetwork(30, 16, 1)] public partial class N { } [SigmoidGen.SigmoidNetwork(30, 16, 2)] public partial class M { }" ;;
    network-100x4) echo "[SigmoidGen.SigmoidNetwork($(printf '4, %.0s' $(seq 100))4)] public partial class N { }" ;;
    *) echo "unknown case $1" >&2; exit 2 ;;
  esac
}

cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(empty layer network-5-3-1 network-30-16-1 network-100x4)
printf '%-18s %14s %10s %12s %14s\n' case generated-bytes lines rebuild-s csc-peak-MB
for c in "${cases[@]}"; do
  dir="$work/$c"
  mkdir -p "$dir"
  cat > "$dir/BuildCost.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Library</OutputType>
    <Optimize>true</Optimize>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
    <UseSharedCompilation>false</UseSharedCompilation>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$root/src/SigmoidGen/SigmoidGen.csproj" />
    <ProjectReference Include="$root/generator/SigmoidGen.Generator/SigmoidGen.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>
</Project>
XML
  declaration "$c" > "$dir/Declaration.cs"
  dotnet build "$dir" -c Release >/dev/null
  times=()
  peak=0
  for i in 1; do
    touch "$dir/Declaration.cs"
    /usr/bin/time -f '%e %M' -o "$dir/time.txt" dotnet build "$dir" -c Release --no-restore --no-dependencies --disable-build-servers -m:1 >/dev/null
    read -r seconds kb < "$dir/time.txt"
    times+=("$seconds")
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 1p)
  generated=$(find "$dir/obj" -path '*generated*' -name '*.g.cs' -print0 | xargs -0 -r cat)
  bytes=$(printf '%s' "$generated" | wc -c)
  lines=$(printf '%s' "$generated" | wc -l)
  printf '%-18s %14s %10s %12s %14s\n' "$c" "$bytes" "$lines" "$median" "$((peak / 1024))"
done
