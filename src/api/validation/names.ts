/**
 * Kubernetes' syntax checks for names, label keys and values, ports, keys and environment
 * variables (k8s.io/apimachinery/pkg/util/validation), with its exact messages. Each returns the
 * list of problems; empty means valid.
 */
import { isIP } from "node:net";

/** Builds Kubernetes' `RegexError` text, including its double space between examples. */
export function regexError(message: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  return `${message} (e.g. ${examples.map((e) => `'${e}', `).join(" or ")}regex used for validation is '${format}')`;
}

export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

export function rangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

const compiled = new Map<string, RegExp>();

/** The format as a whole-string RegExp, compiled once: validation runs over thousands of objects. */
function anchored(format: string): RegExp {
  let re = compiled.get(format);
  if (!re) {
    re = new RegExp(`^${format}$`);
    compiled.set(format, re);
  }
  return re;
}

const LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;
const DNS1035_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
const QUALIFIED_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_VALUE_FMT = `(${QUALIFIED_FMT})?`;
const CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
const ENV_NAME_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
const PERCENT_FMT = "[0-9]+%";

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const QUALIFIED_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

export function isDns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!anchored(SUBDOMAIN_FMT).test(value)) errs.push(regexError(SUBDOMAIN_MSG, SUBDOMAIN_FMT, "example.com"));
  return errs;
}

export function isDns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!anchored(LABEL_FMT).test(value)) errs.push(regexError(LABEL_MSG, LABEL_FMT, "my-name", "123-abc"));
  return errs;
}

export function isDns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!anchored(DNS1035_FMT).test(value)) errs.push(regexError(DNS1035_MSG, DNS1035_FMT, "my-name", "abc-123"));
  return errs;
}

/** Label keys, annotation keys, finalizers: an optional DNS subdomain prefix and `/`, then a name. */
/**
 * The common valid case of a qualified name in one test: an optional DNS subdomain prefix and `/`,
 * then a name. Only used for values of at most 63 characters, where neither part can be too long.
 */
const VALID_SHORT_QUALIFIED = new RegExp(`^(?:${SUBDOMAIN_FMT}/)?${QUALIFIED_FMT}$`);

export function isQualifiedName(value: string): string[] {
  if (value.length <= 63 && VALID_SHORT_QUALIFIED.test(value)) return [];
  const errs: string[] = [];
  const parts = value.split("/");
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? "";
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? "";
    name = parts[1] ?? "";
    if (prefix.length === 0) errs.push("prefix part must be non-empty");
    else errs.push(...isDns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_MSG, QUALIFIED_FMT, "MyName", "my.name", "123-abc")} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push("name part must be non-empty");
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!anchored(QUALIFIED_FMT).test(name)) {
    errs.push(`name part ${regexError(QUALIFIED_MSG, QUALIFIED_FMT, "MyName", "my.name", "123-abc")}`);
  }
  return errs;
}

export function isLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!anchored(LABEL_VALUE_FMT).test(value)) {
    errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
  }
  return errs;
}

/** IANA_SVC_NAME, as container port names must be. */
export function isPortName(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(value)) errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(value)) errs.push("must contain at least one letter (a-z)");
  if (value.includes("--")) errs.push("must not contain consecutive hyphens");
  if (value.startsWith("-") || value.endsWith("-")) errs.push("must not begin or end with a hyphen");
  return errs;
}

export function isPortNumber(value: number): string[] {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? [] : [rangeError(1, 65535)];
}

/** Keys of ConfigMap and Secret data: they become file names, so `.` and `..` are refused. */
export function isConfigKey(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!anchored(CONFIG_KEY_FMT).test(value)) {
    errs.push(
      regexError(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
        CONFIG_KEY_FMT,
        "key.name",
        "KEY_NAME",
        "key-name",
      ),
    );
  }
  if (value === ".") errs.push("must not be '.'");
  else if (value === "..") errs.push("must not be '..'");
  else if (value.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}

export function isEnvVarName(value: string): string[] {
  if (anchored(ENV_NAME_FMT).test(value)) return [];
  return [
    regexError(
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
      ENV_NAME_FMT,
      "my.env-name",
      "MY_ENV.NAME",
      "MyEnvName1",
    ),
  ];
}

export function isPercent(value: string): string[] {
  if (anchored(PERCENT_FMT).test(value)) return [];
  return [
    regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, "1%", "93%"),
  ];
}

export function isIpAddress(value: string): string[] {
  return isIP(value) ? [] : ["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"];
}
