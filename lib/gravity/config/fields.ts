/**
 * The field readers every config section shares: one-line errors naming the file and the field.
 * @module
 */
import { InputError } from "../../errors.ts";

export function fail(file: string, message: string): never {
  throw new InputError(`${file}: ${message}`);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function str(file: string, where: string, v: unknown): string {
  if (typeof v !== "string" || v === "") fail(file, `${where} must be a non-empty string`);
  return v;
}

export function num(file: string, where: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(file, `${where} must be a number`);
  return v;
}

export function strList(file: string, where: string, v: unknown): string[] {
  if (!Array.isArray(v) || v.length === 0) fail(file, `${where} must be a non-empty list`);
  return v.map((x, i) => str(file, `${where}[${i}]`, x));
}
