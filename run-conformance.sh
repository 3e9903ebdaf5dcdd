#!/usr/bin/env bash
# MeshConformance entry point.
#   ./run-conformance.sh                 run the whole conformance suite against the embedded reference service
#   ./run-conformance.sh SUBCOMMAND ...  run a CLI subcommand, e.g. verify-vectors DIR (see --help)
# Builds the CLI on first use (and again when a source file is newer than the build).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export SPECFLOW_TELEMETRY_ENABLED=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cli_dll="$here/harness/Mesh.Cli/bin/Release/net10.0/mesh-conformance.dll"
specs_dll="$here/tests/Mesh.Conformance.Specs/bin/Release/net10.0/Mesh.Conformance.Specs.dll"
stamp="$here/tests/Mesh.Conformance.Specs/bin/Release/.built"

# Built when missing, or when a source, project or feature file changed since the last build.
needs_build() {
  [ ! -f "$cli_dll" ] || [ ! -f "$specs_dll" ] || [ ! -f "$stamp" ] && return 0
  [ -n "$(find "$here/harness" "$here/tests/Mesh.Conformance.Specs" "$here/features" \( -name bin -o -name obj \) -prune -o \( -name '*.cs' -o -name '*.csproj' -o -name '*.feature' \) -not -name '*.feature.cs' -newer "$stamp" -print -quit)" ]
}

if needs_build; then
  echo "Building the harness and the suite (first use or sources changed)..." >&2
  # The CLI carries the scenarios (it references the specs project) and runs them in its own process.
  dotnet build "$here/harness/Mesh.Cli/Mesh.Cli.csproj" -c Release --nologo -v quiet >&2 ||
    { echo "Build failed." >&2; exit 2; }
  touch "$stamp"
fi

# No arguments: the whole conformance suite against the embedded reference service.
[ $# -eq 0 ] && set -- run
exec dotnet "$cli_dll" "$@"
