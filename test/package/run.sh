#!/usr/bin/env bash
# Installs cdk8s-netpol the way a user does and checks it works there: `npm pack`, then a
# fresh TypeScript project in a temp dir with only the peers and test tools from the npm
# registry (the versions in this repo's lock file; the npm cache is used when it has them)
# plus the tarball. The project is built twice, once per cdk8s-plus line (PLUS_LINES), so a
# Deployment of each line is checked as pods, as a peer and in the matchers, under tsc
# --strict and the plugin's strict mode. Prints PASS/FAIL per step; exits 1 when any fails.
#
# The consumer's files live in test/package/consumer; the TypeScript ones end in .tmpl so
# this repo's own tsc and jest leave them alone (they import 'cdk8s-netpol' by name).
# __PLUS__ in them is replaced by the line's package name. The README's consumer setup
# section shows these files and versions (test/package/readme-setup.test.ts keeps them equal).
#
# KEEP_WORKDIR=1 keeps the temp project for a look afterwards.
set -uo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/netpol-package.XXXXXX")
log="$work/step.log"
# The cdk8s-plus lines the consumer project is built with, each from this repo's lock file.
read -r -a plus_lines <<<"${PLUS_LINES:-cdk8s-plus-28 cdk8s-plus-33}"
if [ -z "${KEEP_WORKDIR:-}" ]; then
  trap 'rm -rf "$work"' EXIT
else
  echo "work dir: $work"
fi
export CDK8S_CHECK_UPGRADE=false npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

failures=0
# step NAME COMMAND...: runs COMMAND in the consumer project, prints PASS or FAIL and the log's tail.
step() {
  local name=$1
  shift
  if (cd "$project" && "$@") >"$log" 2>&1; then
    echo "PASS ${plus:+[$plus] }$name"
  else
    echo "FAIL ${plus:+[$plus] }$name"
    tail -n 40 "$log" | sed 's/^/    /'
    failures=$((failures + 1))
  fi
}

locked() { node -p "require('$repo/package-lock.json').packages['node_modules/$1'].version"; }
version=$(node -p "require('$repo/package.json').version")
mkdir -p "$work/pack"

# --- pack: build, pack, and check the tarball holds only what a user needs.
pack() {
  (cd "$repo" && npm pack --pack-destination "$work/pack" --silent) >"$log" 2>&1 || return 1
  tarball="$work/pack/cdk8s-netpol-$version.tgz"
  local entries unexpected
  entries=$(tar -tzf "$tarball") || return 1
  unexpected=$(grep -Ev '^package/(package\.json|README\.md|CHANGELOG\.md|LICENSE|bin/netpol-ci|build/.+\.(js|d\.ts)|schemas/[a-z-]+\.schema\.json|docs/rules/[a-z0-9-]+\.md)$' <<<"$entries")
  if [ -n "$unexpected" ]; then
    echo "unexpected files in the tarball:"; echo "$unexpected"; return 1
  fi
  for required in build/index.js build/index.d.ts build/testing/index.js build/testing/index.d.ts build/cli/main.js build/plugin/index.js schemas/netpol-config.schema.json docs/rules/api-port.md LICENSE; do
    grep -qx "package/$required" <<<"$entries" || { echo "missing from the tarball: $required"; return 1; }
  done
  echo "$(wc -l <<<"$entries") files"
}
if pack >>"$log" 2>&1; then echo "PASS pack ($(tail -n 1 "$log"))"; else echo "FAIL pack"; tail -n 40 "$log" | sed 's/^/    /'; exit 1; fi

# consumer PLUS: builds the consumer project with cdk8s-plus line PLUS and runs every step in it.
consumer() {
  local plus=$1
  # --- install: peers and tools at the lock file's versions, then the tarball.
  project="$work/$plus"
  mkdir -p "$project"
  echo "--- consumer project with $plus"
  cp "$repo/test/package/consumer/"* "$project/"
  for template in "$project"/*.tmpl; do mv "$template" "${template%.tmpl}"; done
  sed -i "s/__VERSION__/$version/" "$project/cdk8s.yaml"
  sed -i "s/__PLUS__/$plus/g" "$project"/*.ts
  cat >"$project/package.json" <<JSON
{ "name": "netpol-consumer", "version": "1.0.0", "private": true }
JSON
  packages=()
  for name in cdk8s constructs "$plus" cdk8s-cli typescript ts-node @types/node jest ts-jest @types/jest; do
    packages+=("$name@$(locked "$name")")
  done
  step "install (${#packages[@]} packages from the registry + the tarball)" \
    npm install --prefer-offline --no-save --loglevel=error "${packages[@]}" "$tarball"

  # --- (a) the library API type-checks under --strict, with node10 (typesVersions) and node16 (exports) resolution.
  step "typecheck --strict (moduleResolution node)" npx tsc -p tsconfig.json
  step "typecheck --strict (moduleResolution node16)" npx tsc -p tsconfig.json --module node16 --moduleResolution node16

  # --- (b) the app synthesizes, and the YAML is right.
  step "synth with ts-node" npx ts-node main.ts
  step "synthesized YAML" node check-synth.js
  step "the engine's entries (/manifests, /analysis, /report) on the synthesized YAML" npx ts-node engine.ts

  # --- (c) the CLI runs from the installed bin.
  cli_version() { [ "$(npx netpol --version)" = "$version" ] || { echo "netpol --version is not $version"; return 1; }; }
  step "npx netpol --version" cli_version
  step "npx netpol validate dist/" npx netpol validate dist/
  step "npx netpol-ci --help (the CI steps' bin)" npx --no-install netpol-ci --help
  rejects_bad_port() {
    printf 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: x}\nspec: {podSelector: {}, ingress: [{ports: [{port: 70000}]}]}\n' >bad.yaml
    npx netpol validate bad.yaml >bad.out 2>&1 && { echo "netpol validate accepted port 70000"; return 1; }
    grep -F 'spec.ingress[0].ports[0].port' bad.out || { cat bad.out; return 1; }
}
step "npx netpol validate rejects port 70000" rejects_bad_port

# --- (d) jest with the cdk8s-netpol/testing matchers.
step "jest with cdk8s-netpol/testing" npx jest --ci

# --- (e) the validation plugin, from the installed package by local path (no npm install by cdk8s).
plugin_fails_bad_policy() {
  cat >bad-app.ts <<'TS'
import { ApiObject, App, Chart } from 'cdk8s';
const app = new App();
new ApiObject(new Chart(app, 'legacy', { namespace: 'legacy' }), 'raw', {
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'raw-bad-port' },
  spec: { podSelector: {}, ingress: [{ ports: [{ port: 70000 }] }] },
});
app.synth();
TS
  npx cdk8s synth --app 'npx ts-node bad-app.ts' -o bad-dist >plugin.out 2>&1 && { echo "cdk8s synth passed a bad policy"; return 1; }
  grep -F 'raw-bad-port: spec.ingress[0].ports[0].port' plugin.out || { cat plugin.out; return 1; }
}
step "cdk8s synth with the NetpolValidation plugin passes" npx cdk8s synth
step "cdk8s synth with the NetpolValidation plugin fails on a bad policy" plugin_fails_bad_policy
}
for plus in "${plus_lines[@]}"; do
  consumer "$plus"
done

if [ "$failures" -gt 0 ]; then
  echo "test:package: $failures step(s) failed"
  exit 1
fi
echo "test:package: all steps passed"
