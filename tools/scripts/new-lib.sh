#!/usr/bin/env bash
# Scaffolds a library the way every lib here is laid out:
#   tools/scripts/new-lib.sh <dir under libs/> <import alias> <scope> <type>
# e.g. tools/scripts/new-lib.sh shared/config @hostgate/shared/config shared util
set -euo pipefail
dir="libs/$1"; alias="$2"; scope="$3"; type="$4"
name="${1//\//-}"
up=$(echo "$dir" | sed -E 's#[^/]+#..#g')
mkdir -p "$dir/src/lib"
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "$up/node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "library",
  "tags": ["scope:$scope", "type:$type"],
  "targets": {}
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "$up/tsconfig.base.json",
  "files": [],
  "include": [],
  "references": [{ "path": "./tsconfig.lib.json" }, { "path": "./tsconfig.spec.json" }]
}
JSON
cat > "$dir/tsconfig.lib.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "outDir": "$up/dist/out-tsc", "types": ["node"] },
  "include": ["src/**/*.ts"],
  "exclude": ["jest.config.cts", "src/**/*.spec.ts", "src/**/*.e2e-spec.ts"]
}
JSON
cat > "$dir/tsconfig.spec.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "outDir": "$up/dist/out-tsc", "types": ["jest", "node"] },
  "include": ["jest.config.cts", "src/**/*.spec.ts", "src/**/*.e2e-spec.ts", "src/**/*.d.ts"]
}
JSON
cat > "$dir/jest.config.cts" <<JS
module.exports = {
  displayName: '$name',
  preset: '$up/jest.preset.js',
};
JS
cat > "$dir/eslint.config.mjs" <<JS
import baseConfig from '$up/eslint.config.mjs';

export default [...baseConfig];
JS
[ -f "$dir/src/index.ts" ] || echo "export {};" > "$dir/src/index.ts"
node -e '
const fs=require("fs");const f="tsconfig.base.json";const j=JSON.parse(fs.readFileSync(f,"utf8"));
j.compilerOptions.paths=j.compilerOptions.paths||{};j.compilerOptions.paths[process.argv[1]]=["./"+process.argv[2]+"/src/index.ts"];
const s={};for(const k of Object.keys(j.compilerOptions.paths).sort())s[k]=j.compilerOptions.paths[k];j.compilerOptions.paths=s;
fs.writeFileSync(f,JSON.stringify(j,null,2)+"\n");' "$alias" "$dir"
echo "created $dir ($alias)"
