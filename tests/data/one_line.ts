/** Shared assertion of the strict-input tests: a call fails with exactly one InputError line. */
import assert from "node:assert/strict";
import { InputError } from "../../lib/errors.ts";

/** Assert that `fn` throws an InputError whose message is one line and equals / matches `expected`. */
export function oneLine(fn: () => unknown, expected: string | RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, `not an InputError: ${e}`);
    assert.ok(!/[\r\n]/.test(e.message), `more than one line: ${e.message}`);
    if (typeof expected === "string") assert.equal(e.message, expected);
    else assert.match(e.message, expected);
    return true;
  });
}

/** The async form of {@link oneLine}. */
export async function oneLineAsync(
  fn: () => Promise<unknown>,
  expected: string | RegExp,
): Promise<void> {
  await assert.rejects(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, `not an InputError: ${e}`);
    assert.ok(!/[\r\n]/.test(e.message), `more than one line: ${e.message}`);
    if (typeof expected === "string") assert.equal(e.message, expected);
    else assert.match(e.message, expected);
    return true;
  });
}
