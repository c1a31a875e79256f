/**
 * Label key and value syntax, as Kubernetes' `IsQualifiedName` and `IsValidLabelValue` check it.
 * Each function returns the problems found (empty when valid), worded like Kubernetes so that a
 * caller can wrap them into a FieldError detail or a parse error.
 */

const NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const NAME_RE = new RegExp(`^${NAME_FMT}$`);
const NAME_MAX = 63;

const DNS_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS_SUBDOMAIN_FMT = `${DNS_LABEL_FMT}(\\.${DNS_LABEL_FMT})*`;
const DNS_SUBDOMAIN_RE = new RegExp(`^${DNS_SUBDOMAIN_FMT}$`);
const DNS_SUBDOMAIN_MAX = 253;

const VALUE_FMT = `(${NAME_FMT})?`;
const VALUE_RE = new RegExp(`^${VALUE_FMT}$`);

const NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric " +
  `character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${NAME_FMT}')`;

/** Problems with a DNS-1123 subdomain (lower case, dots, at most 253 characters). */
export function dnsSubdomainErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > DNS_SUBDOMAIN_MAX) errors.push(`must be no more than ${DNS_SUBDOMAIN_MAX} characters`);
  if (!DNS_SUBDOMAIN_RE.test(value)) {
    errors.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must " +
        `start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${DNS_SUBDOMAIN_FMT}')`,
    );
  }
  return errors;
}

/** Problems with a label (or annotation) key: `[prefix/]name`, prefix a DNS subdomain, name ≤ 63. */
export function labelKeyErrors(key: string): string[] {
  const parts = key.split("/");
  let name: string;
  const errors: string[] = [];
  if (parts.length === 1) {
    name = parts[0] ?? "";
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? "";
    name = parts[1] ?? "";
    if (prefix.length === 0) errors.push("prefix part must be non-empty");
    else errors.push(...dnsSubdomainErrors(prefix).map((e) => `prefix part ${e}`));
  } else {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an " +
        "alphanumeric character, with an optional DNS subdomain prefix and '/' (e.g. 'MyName',  or 'my.name',  or " +
        `'123-abc', or 'example.com/MyName', regex used for validation is '(${DNS_SUBDOMAIN_FMT}/)?${NAME_FMT}')`,
    ];
  }
  if (name.length === 0) errors.push("name part must be non-empty");
  else if (name.length > NAME_MAX) errors.push(`name part must be no more than ${NAME_MAX} characters`);
  if (name.length > 0 && !NAME_RE.test(name)) errors.push(`name part ${NAME_MSG}`);
  return errors;
}

/** Problems with a label value: empty, or ≤ 63 characters starting and ending alphanumeric. */
export function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > NAME_MAX) errors.push(`must be no more than ${NAME_MAX} characters`);
  if (!VALUE_RE.test(value)) {
    errors.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must " +
        `start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '${VALUE_FMT}')`,
    );
  }
  return errors;
}
