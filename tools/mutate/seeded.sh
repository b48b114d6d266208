#!/usr/bin/env bash
# The single-line changes of issue 14's review, applied one at a time to lib/; each must make the
# tests fail. Usage: bash tools/mutate/seeded.sh [test paths...] (default: tests/gravity tests/stats
# tests/cli, the parts of `deno task test` that exercise lib/gravity and lib/stats).
# Every file is restored from a backup after its run (and on exit).
set -uo pipefail
cd "$(dirname "$0")/../.."
TESTS=("${@:-tests/gravity tests/stats tests/cli}")
# file | sed expression | description
MUTANTS=(
  'lib/gravity/equation/cbec_index.ts|s/a + w \* signs\[c\] \* s\[c\]/a + w * s[c]/|composite ignores the orientation signs'
  'lib/gravity/equation/cbec_index.ts|s/row.map((v, c) => v \* signs\[c\])/row.map((v) => v)/|loadings ignore the orientation signs'
  'lib/gravity/equation/cbec_index.ts|s/eigenvalues.filter((e) => e > 1)/eigenvalues.filter((e) => e >= 1)/|Kaiser > 1 becomes >= 1'
  'lib/gravity/study/run.ts|s/se: config.se,/se: "classical" as const,/|study ignores config.se'
  'lib/gravity/study/run.ts|s/cluster: complete.map((r) => r.country)/cluster: complete.map((r) => String(r.year))/|study clusters by year'
  'lib/gravity/study/run.ts|s/comparePaper(tables, ours, potential, config.potential.thresholds)/comparePaper(tables, ours, potential)/|study: comparison ignores configured thresholds'
  'lib/gravity/study/paper.ts|s/classifyK(p.k, thresholds)/classifyK(p.k)/|compare: ignores the thresholds'
  'lib/gravity/equation/cbec_index.ts|s/coverage.filter((c) => c.present < minPresent)/coverage.filter((c) => c.present <= minPresent)/|minCoverage: dropped at the boundary'
  'lib/gravity/equation/cbec_index.ts|s/coverage\[v\].present >= minPresent/coverage[v].present > minPresent/|minCoverage: kept only above the boundary'
)
BK=$(mktemp -d)
restore() { for f in "$BK"/*; do [ -e "$f" ] && cp "$f" "lib/$(basename "$f" | tr '~' '/')"; done; rm -rf "$BK"; }
trap restore EXIT
fails=0
for m in "${MUTANTS[@]}"; do
  IFS='|' read -r file expr desc <<<"$m"
  key=$(echo "${file#lib/}" | tr '/' '~')
  cp "$file" "$BK/$key"
  sed -i "$expr" "$file"
  if cmp -s "$file" "$BK/$key"; then echo "NOT APPLIED: $desc ($file)"; fails=$((fails + 1)); continue; fi
  line=$(diff "$BK/$key" "$file" | grep '^>' | head -1 | sed 's/^> *//')
  out=$(NO_COLOR=1 deno test --no-check --allow-read --allow-write=out --allow-run --allow-env ${TESTS[*]} 2>&1)
  cp "$BK/$key" "$file"
  summary=$(printf '%s\n' "$out" | grep -E '^(ok|FAILED) \|' | tail -1)
  failing=$(printf '%s\n' "$out" | sed -n '/ FAILURES /,$p' | grep -E ' => ' | sed -E 's/ => .*//' | sort -u | head -4 | paste -sd ";" -)
  if printf '%s' "$summary" | grep -q '^FAILED'; then
    echo "KILLED   $desc [$file: $line] -> $summary; e.g. $failing"
  else
    echo "SURVIVED $desc [$file: $line] -> $summary"; fails=$((fails + 1))
  fi
done
# VIF always centred: the sum of squares always leaves out R's first row (the constant's
# direction), with or without an intercept
cp lib/stats/linear/ols.ts "$BK/stats~ols.ts"
perl -0pi -e 's/const first = intercept && kept\[0\] === 0 \? 1 : 0;/const first = 1;/' lib/stats/linear/ols.ts
if cmp -s lib/stats/linear/ols.ts "$BK/stats~ols.ts"; then echo "NOT APPLIED: VIF always centred"; fails=$((fails + 1));
else
  out=$(NO_COLOR=1 deno test --no-check --allow-read --allow-write=out --allow-run --allow-env ${TESTS[*]} 2>&1)
  cp "$BK/stats~ols.ts" lib/stats/linear/ols.ts
  summary=$(printf '%s\n' "$out" | grep -E '^(ok|FAILED) \|' | tail -1)
  failing=$(printf '%s\n' "$out" | sed -n '/ FAILURES /,$p' | grep -E ' => ' | sed -E 's/ => .*//' | sort -u | head -4 | paste -sd ";" -)
  if printf '%s' "$summary" | grep -q '^FAILED'; then echo "KILLED   VIF always centred [lib/stats/linear/ols.ts: const first = 1;] -> $summary; e.g. $failing";
  else echo "SURVIVED VIF always centred -> $summary"; fails=$((fails + 1)); fi
fi
echo "seeded changes not caught: $fails"
exit $((fails > 0))
