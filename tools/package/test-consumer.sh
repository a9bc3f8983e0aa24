#!/usr/bin/env bash
# The package as users consume it: pack NetGen, then, outside the repository and with an empty NuGet cache (so a stale
# cached package can never pass), build and run
#   1. tests/PackageConsumer — declares a network, trains, predicts, saves and loads, and compiles in a PyTorch model
#      ([Network(Weights = "classifier.onnx")]), checking each — under the JIT,
#      then publishes it as Native AOT on the command line and runs the binary;
#   2. the README's first C# block, pasted as Program.cs into a new console project.
# Any build warning fails the test (the consumer projects treat warnings as errors, and the AOT publish is checked for
# trimming and AOT warnings).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NUGET_PACKAGES="$work/packages"

version=$(dotnet msbuild "$root/runtime/NetGen/NetGen.csproj" -getProperty:Version)
echo "== packing NetGen $version"
dotnet pack "$root/runtime/NetGen/NetGen.csproj" -c Release -o "$work/feed" --nologo -v quiet
python3 -m zipfile -l "$work/feed/NetGen.$version.nupkg" | sed 's/^/   /'

# The local feed serves NetGen and nothing else; everything else comes from the usual registry.
cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="NetGen" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
CONFIG

consumer="$work/consumer"
mkdir -p "$consumer"
cp "$root/tests/PackageConsumer/PackageConsumer.csproj" "$root/tests/PackageConsumer/Program.cs" "$consumer/"
cp "$root/tests/NetGen.IntegrationTests/Interop/classifier.onnx" "$consumer/"
echo "== restore and run under the JIT"
start=$(date +%s%N)
dotnet build "$consumer" -c Release -p:NetGenVersion="$version" --nologo -v quiet
echo "   restore + build: $(( ($(date +%s%N) - start) / 1000000 )) ms"
dotnet "$consumer/bin/Release/net10.0/PackageConsumer.dll"

echo "== Native AOT publish (on the command line) and run"
"$root/tools/install-native-aot-prerequisites.sh"
start=$(date +%s%N)
dotnet publish "$consumer" -c Release -r linux-x64 -p:PublishAot=true -p:NetGenVersion="$version" -o "$consumer/aot" --nologo \
  | tee "$work/publish.log"
echo "   publish: $(( ($(date +%s%N) - start) / 1000000 )) ms"
if grep -E "warning (IL|NETSDK|CS)[0-9]+" "$work/publish.log"; then
  echo "the Native AOT publish has warnings"; exit 1
fi
grep -q "NetGen: Native AOT for linux-x64 compiled for x86-64-v3" "$work/publish.log" \
  || { echo "the package's buildTransitive targets did not choose the instruction set"; exit 1; }
echo "   binary: $(stat -c %s "$consumer/aot/PackageConsumer") bytes"
"$consumer/aot/PackageConsumer"

echo "== the README's first example, pasted into a new console project"
readme="$work/readme"
mkdir -p "$readme"
sed -e 's/PackageConsumer/ReadmeExample/' -e '/AdditionalFiles Include="classifier.onnx"/d' "$root/tests/PackageConsumer/PackageConsumer.csproj" > "$readme/ReadmeExample.csproj"
awk '/^```csharp/ { inside = 1; next } inside && /^```/ { exit } inside { print }' "$root/README.md" > "$readme/Program.cs"
dotnet build "$readme" -c Release -p:NetGenVersion="$version" --nologo -v quiet
dotnet "$readme/bin/Release/net10.0/ReadmeExample.dll"
echo "== package test passed"
