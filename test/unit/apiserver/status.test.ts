import { describe, expect, it } from "vitest";
import { type FieldError, formatFieldError, invalidObjectError, SlipwayError } from "../../../src/api/errors.js";
import { errorFromStatus, statusFromError } from "../../../src/apiserver/status.js";

const fieldErrors: FieldError[][] = [
  [{ type: "Invalid", field: "spec.replicas", badValue: -1, detail: "must be greater than or equal to 0" }],
  [{ type: "Required", field: "spec.template.spec.containers[0].image" }],
  [{ type: "Invalid", field: "metadata.name", badValue: "Bad_Name: x", detail: "a lowercase RFC 1123 subdomain" }],
  [{ type: "NotSupported", field: "spec.restartPolicy", badValue: "Sometimes", detail: 'supported values: "Always"' }],
  [{ type: "Duplicate", field: "spec.ports[1].name", badValue: "http" }],
  [{ type: "UnknownField", field: "spec.replicaz" }],
  [
    { type: "TooLong", field: "metadata.labels", detail: "may not be more than 63 bytes" },
    { type: "Invalid", field: "spec.selector", badValue: { app: "web" }, detail: "does not match template labels" },
  ],
];

describe("Status objects", () => {
  it.each(fieldErrors)("round-trips the field errors of a 422 so they render the same (%o)", (...errors) => {
    const original = invalidObjectError("Pod", "web", errors);
    const status = statusFromError(original);
    expect(status.code).toBe(422);
    expect(status.reason).toBe("Invalid");
    expect(status.details?.causes?.map((c) => c.field)).toEqual(errors.map((e) => e.field));

    const back = errorFromStatus(JSON.parse(JSON.stringify(status)));
    expect(back.code).toBe("Invalid");
    expect(back.message).toBe(original.message);
    expect(back.details).toEqual({ kind: "Pod", name: "web" });
    expect(back.fieldErrors.map((e) => formatFieldError(e))).toEqual(errors.map((e) => formatFieldError(e)));
    expect(back.fieldErrors.map((e) => e.type)).toEqual(errors.map((e) => e.type));
  });

  it("puts the field in `field` and the rest of the sentence in `message`, as Kubernetes does", () => {
    const status = statusFromError(
      invalidObjectError("Deployment", "web", [
        { type: "Invalid", field: "spec.replicas", badValue: -1, detail: "must be greater than or equal to 0" },
      ]),
    );
    expect(status.details?.causes).toEqual([
      {
        reason: "FieldValueInvalid",
        message: "Invalid value: -1: must be greater than or equal to 0",
        field: "spec.replicas",
      },
    ]);
  });

  it.each([
    ["NotFound", 404, "NotFound"],
    ["AlreadyExists", 409, "AlreadyExists"],
    ["Conflict", 409, "Conflict"],
    ["Gone", 410, "Expired"],
    ["Unauthorized", 401, "Unauthorized"],
    ["MethodNotAllowed", 405, "MethodNotAllowed"],
    ["BadRequest", 400, "BadRequest"],
  ] as const)("maps %s to HTTP %i with reason %s and back", (code, http, reason) => {
    const status = statusFromError(new SlipwayError(code, "something", { details: { kind: "pods", name: "x" } }));
    expect(status).toMatchObject({ kind: "Status", apiVersion: "v1", status: "Failure", code: http, reason });
    expect(errorFromStatus(status).code).toBe(code);
  });

  it("answers errors that are bugs with a bare 500 that leaks nothing", () => {
    const status = statusFromError(new TypeError("cannot read properties of undefined (secret stuff)"));
    expect(status.code).toBe(500);
    expect(JSON.stringify(status)).not.toContain("secret stuff");
  });
});
