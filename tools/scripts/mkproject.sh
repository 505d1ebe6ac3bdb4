#!/usr/bin/env bash
# Creates the skeleton of an Nx project: mkproject.sh <dir> <name> <tag> [<tag>...]
set -euo pipefail
dir=$1; name=$2; shift 2
tags=$(printf '"%s",' "$@"); tags="[${tags%,}]"
mkdir -p "$dir/src"
rel=$(realpath --relative-to="$dir" .)
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "$rel/node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "$( [[ $dir == apps/* ]] && echo application || echo library )",
  "tags": $tags
}
JSON
cat > "$dir/jest.config.cjs" <<JS
module.exports = { displayName: '$name', preset: '$rel/jest.preset.js', rootDir: __dirname };
JS
[ -f "$dir/src/index.ts" ] || [[ $dir == apps/* ]] || echo "export {};" > "$dir/src/index.ts"
