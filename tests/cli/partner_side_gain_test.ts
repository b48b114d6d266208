/**
 * partnerSideGain (the hint of an inestimable study): only rejected partner-side rows of the
 * dependent variable in use count, not the rows of the mirror column (`variable` column of
 * data/trade-selection.csv).
 */
import assert from "node:assert/strict";
import { partnerSideGain } from "../../lib/cli/study.ts";
import type { StudyResult } from "../../lib/gravity/study/types.ts";

const header = "file,row,year,partner,flow,reporter_basis,side,value,unit,value_usd,decision," +
  "reason,variable";
const line = (year: number, partner: string, decision: string, variable: string) =>
  `f.csv,1,${year},${partner},total,x,partner,1,USD,1,${decision},why,${variable}`;

/** A study result with just what partnerSideGain reads: KAZ 2015 lacks only the dependent,
 * KGZ 2015 lacks the dependent and a term, UZB 2015 has the dependent. */
function fakeResult(dependent: string): StudyResult {
  return {
    config: {
      dataDir: "unused",
      years: { from: 2015, to: 2016 },
      partners: ["KAZ", "KGZ", "UZB"],
      dependent: { variable: dependent },
    },
    data: {
      design: [
        { country: "KAZ", year: 2015, actual: null, complete: false, missing: ["y (dependent)"] },
        {
          country: "KGZ",
          year: 2015,
          actual: null,
          complete: false,
          missing: ["y (dependent)", "ln_net"],
        },
        { country: "UZB", year: 2015, actual: 1, complete: true, missing: [] },
      ],
    },
  } as unknown as StudyResult;
}

async function gainFor(rows: string[], dependent = "trade_goods_usd") {
  const file = await Deno.makeTempFile({ dir: "out", suffix: ".csv" });
  try {
    await Deno.writeTextFile(file, [header, ...rows].join("\n") + "\n");
    return await partnerSideGain(fakeResult(dependent), file);
  } finally {
    await Deno.remove(file);
  }
}

Deno.test("partnerSideGain counts only rejected partner-side rows of the dependent in use", async () => {
  await Deno.mkdir("out", { recursive: true });
  const rows = [
    line(2015, "KAZ", "rejected", "trade_goods_usd"), // counts, complete but for the dependent
    line(2015, "KGZ", "rejected", "trade_mirror_usd"), // mirror row: not counted
    line(2016, "KGZ", "rejected", "trade_mirror_usd"), // mirror row: not counted
    line(2015, "UZB", "rejected", "trade_goods_usd"), // has the dependent already
    line(2016, "KAZ", "used", "trade_goods_usd"), // not rejected
    line(2014, "KGZ", "rejected", "trade_goods_usd"), // outside the years
  ];
  assert.deepEqual(await gainFor(rows), { partnerYears: ["KAZ 2015"], complete: 1 });
  // with the mirror column as the dependent, only its rows count
  assert.deepEqual(await gainFor(rows, "trade_mirror_usd"), {
    partnerYears: ["KGZ 2015", "KGZ 2016"],
    complete: 0,
  });
});

Deno.test("partnerSideGain on a selection file without the variable column counts every row", async () => {
  await Deno.mkdir("out", { recursive: true });
  const file = await Deno.makeTempFile({ dir: "out", suffix: ".csv" });
  try {
    const old = header.replace(/,variable$/, "");
    const strip = (s: string) => s.replace(/,[^,]*$/, "");
    await Deno.writeTextFile(
      file,
      [
        old,
        strip(line(2015, "KAZ", "rejected", "a")),
        strip(line(2015, "KGZ", "rejected", "b")),
      ].join("\n") + "\n",
    );
    assert.deepEqual(await partnerSideGain(fakeResult("trade_goods_usd"), file), {
      partnerYears: ["KAZ 2015", "KGZ 2015"],
      complete: 1,
    });
  } finally {
    await Deno.remove(file);
  }
});
