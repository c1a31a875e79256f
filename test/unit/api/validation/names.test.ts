import { describe, expect, it } from "vitest";
import {
  isConfigKey,
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isEnvVarName,
  isLabelValue,
  isPercent,
  isPortName,
  isQualifiedName,
} from "../../../../src/api/validation/names.js";

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QUALIFIED_NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const CONFIG_KEY =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

type Check = (value: string) => string[];

const cases: [string, Check, string, string[]][] = [
  ["subdomain", isDns1123Subdomain, "web.example.com", []],
  ["subdomain", isDns1123Subdomain, "Web", [SUBDOMAIN]],
  ["subdomain", isDns1123Subdomain, "web-", [SUBDOMAIN]],
  ["subdomain", isDns1123Subdomain, "a".repeat(254), ["must be no more than 253 characters"]],
  ["label", isDns1123Label, "123-abc", []],
  ["label", isDns1123Label, "a.b", [LABEL]],
  ["label", isDns1123Label, "a".repeat(64), ["must be no more than 63 characters"]],
  ["DNS-1035 label", isDns1035Label, "web-1", []],
  ["DNS-1035 label", isDns1035Label, "1web", [DNS1035]],
  ["qualified name", isQualifiedName, "app.kubernetes.io/name", []],
  ["qualified name", isQualifiedName, "My_Name.1", []],
  ["qualified name", isQualifiedName, "-bad", [QUALIFIED_NAME_PART]],
  ["qualified name", isQualifiedName, "/name", ["prefix part must be non-empty"]],
  ["qualified name", isQualifiedName, "Example.com/name", [`prefix part ${SUBDOMAIN}`]],
  ["qualified name", isQualifiedName, "example.com/", ["name part must be non-empty", QUALIFIED_NAME_PART]],
  ["qualified name", isQualifiedName, "a".repeat(64), ["name part must be no more than 63 characters"]],
  [
    "qualified name",
    isQualifiedName,
    "a/b/c",
    [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
  ],
  ["label value", isLabelValue, "", []],
  ["label value", isLabelValue, "v1.2_b", []],
  ["label value", isLabelValue, "a b", [LABEL_VALUE]],
  ["label value", isLabelValue, "a".repeat(64), ["must be no more than 63 characters"]],
  ["port name", isPortName, "http-alt", []],
  ["port name", isPortName, "8080", ["must contain at least one letter (a-z)"]],
  [
    "port name",
    isPortName,
    "HTTP",
    [
      "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
      "must contain at least one letter (a-z)",
    ],
  ],
  ["port name", isPortName, "a--b", ["must not contain consecutive hyphens"]],
  ["port name", isPortName, "-http", ["must not begin or end with a hyphen"]],
  ["port name", isPortName, "very-long-port-name", ["must be no more than 15 characters"]],
  ["config key", isConfigKey, "app.conf", []],
  ["config key", isConfigKey, "a/b", [CONFIG_KEY]],
  ["config key", isConfigKey, "..", ["must not be '..'"]],
  ["config key", isConfigKey, "..data", ["must not start with '..'"]],
  ["env var name", isEnvVarName, "MY_VAR.1", []],
  [
    "env var name",
    isEnvVarName,
    "1VAR",
    [
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    ],
  ],
  ["percent", isPercent, "25%", []],
  [
    "percent",
    isPercent,
    "25",
    [
      "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    ],
  ],
];

describe("name syntax checks", () => {
  it.each(cases)("%s check of %j gives Kubernetes' messages", (_what, check, value, expected) => {
    expect(check(value)).toEqual(expected);
  });
});
