/**
 * Kubernetes resource quantities (`500m`, `0.5`, `128Mi`, `1G`, `1e3`): parsed exactly, rounded up
 * to nano units as Kubernetes does, so `0.5` and `500m` are the same quantity.
 */
import { SlipwayError } from "./errors.js";

/** Kubernetes' own wording of a malformed quantity (resource.ErrFormatWrong). */
export const QUANTITY_FORMAT_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const NUMERIC_MESSAGE = "unable to parse numeric part of quantity";
const SUFFIX_MESSAGE = "unable to parse quantity's suffix";

const FORMAT = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const NUMERIC = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/;
const EXPONENT = /^[eE]([-+]?[0-9]+)$/;

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

export interface Quantity {
  /** The quantity as written (numbers are turned into their decimal text). */
  text: string;
  /** Exact value in nano units, rounded up: the unit of comparison. */
  nanos: bigint;
  /** Value × 1000, rounded up: millicores for cpu. */
  milli: number;
  /** Value in base units (cores, bytes), rounded up like Kubernetes' `Value()`. */
  value: number;
}

function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n > 0n ? q + 1n : q;
}

/**
 * Parses a quantity. Throws SlipwayError("Invalid") whose message is Kubernetes' own
 * (`quantities must match the regular expression ...`, `unable to parse quantity's suffix`).
 */
export function parseQuantity(input: string | number): Quantity {
  const text = typeof input === "number" ? String(input) : input;
  const match = FORMAT.exec(text);
  if (!match) throw new SlipwayError("Invalid", QUANTITY_FORMAT_MESSAGE);
  const [, numberPart = "", suffix = ""] = match;
  const numeric = NUMERIC.exec(numberPart);
  if (!numeric || (numeric[2] === "" && !numeric[3])) throw new SlipwayError("Invalid", NUMERIC_MESSAGE);
  const [, sign, whole = "", fraction = ""] = numeric;

  let exp10: number;
  let exp2 = 0;
  const binary = BINARY_SUFFIXES[suffix];
  const decimal = DECIMAL_SUFFIXES[suffix];
  const exponent = EXPONENT.exec(suffix);
  if (binary !== undefined) {
    exp10 = 0;
    exp2 = binary;
  } else if (decimal !== undefined) {
    exp10 = decimal;
  } else if (exponent) {
    exp10 = Number(exponent[1]);
  } else {
    throw new SlipwayError("Invalid", SUFFIX_MESSAGE);
  }

  // value = digits × 10^(exp10 - fraction.length) × 2^exp2; in nanos add 9 to the decimal exponent.
  const digits = BigInt(`${whole}${fraction}` || "0") * 2n ** BigInt(exp2);
  const scale = exp10 - fraction.length + 9;
  const magnitude = scale >= 0 ? digits * 10n ** BigInt(scale) : ceilDiv(digits, 10n ** BigInt(-scale));
  const nanos = sign === "-" ? -magnitude : magnitude;
  return { text, nanos, milli: Number(ceilDiv(nanos, 1_000_000n)), value: Number(ceilDiv(nanos, 1_000_000_000n)) };
}

/** Negative, zero or positive as a is less than, equal to or greater than b. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}
