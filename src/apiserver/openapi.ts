/**
 * OpenAPI documents, enough for kubectl: `/openapi/v3` lists one document per group version, and
 * each names, per kind, the PATCH operation with its `x-kubernetes-group-version-kind` and the
 * `fieldValidation` query parameter. Seeing that parameter, `kubectl apply` leaves validation to
 * the server (which validates every write) instead of downloading protobuf schemas. Schemas are
 * permissive placeholders. `/openapi/v2` is a minimal valid JSON document. Pure.
 */
import { KINDS, type KindInfo } from "../api/kinds.js";

/** `/openapi/v2`: valid, with no definitions. */
export function openApiV2Document(): unknown {
  return { swagger: "2.0", info: { title: "Slipway", version: "v1.32.0-slipway" }, paths: {}, definitions: {} };
}

/** The `/openapi/v3/...` path segment of a kind's group version: `api/v1`, `apis/apps/v1`. */
function groupVersionPath(k: KindInfo): string {
  return k.group ? `apis/${k.group}/${k.version}` : `api/${k.version}`;
}

/** `/openapi/v3`: where each group version's document lives. */
export function openApiV3Root(): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const k of KINDS) paths[groupVersionPath(k)] = { serverRelativeURL: `/openapi/v3/${groupVersionPath(k)}` };
  return { paths };
}

const QUERY_PARAMS = ["dryRun", "fieldManager", "fieldValidation"].map((name) => ({
  name,
  in: "query",
  schema: { type: "string", uniqueItems: true },
}));

function schemaName(k: KindInfo): string {
  return k.group ? `io.k8s.api.${k.group}.${k.version}.${k.kind}` : `io.k8s.api.core.${k.version}.${k.kind}`;
}

/** `/openapi/v3/<gv>` for `api/v1` or `apis/<group>/<version>`, or undefined when not served. */
export function openApiV3Document(groupVersion: string): unknown {
  const kinds = KINDS.filter((k) => groupVersionPath(k) === groupVersion);
  if (kinds.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const k of kinds) {
    const gvk = { group: k.group, version: k.version, kind: k.kind };
    const base = `/${groupVersion}${k.namespaced ? "/namespaces/{namespace}" : ""}/${k.resource}`;
    const ref = { $ref: `#/components/schemas/${schemaName(k)}` };
    const ok = { description: "OK", content: { "application/json": { schema: ref } } };
    const operation = (verb: string) => ({
      operationId: `${verb}${k.kind}`,
      "x-kubernetes-action": verb,
      "x-kubernetes-group-version-kind": gvk,
      parameters: QUERY_PARAMS,
      responses: { "200": ok },
    });
    paths[base] = { post: operation("post") };
    paths[`${base}/{name}`] = { get: operation("get"), put: operation("put"), patch: operation("patch") };
    schemas[schemaName(k)] = {
      type: "object",
      description: `${k.kind} (${k.apiVersion}); served by Slipway, which validates it on every write.`,
      "x-kubernetes-group-version-kind": [gvk],
      "x-kubernetes-preserve-unknown-fields": true,
    };
  }
  return {
    openapi: "3.0.0",
    info: { title: "Slipway", version: "v1.32.0-slipway" },
    paths,
    components: { schemas },
  };
}
