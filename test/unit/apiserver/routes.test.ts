import { describe, expect, it } from "vitest";
import { matchRoute } from "../../../src/apiserver/routes.js";

interface Expected {
  kind: string;
  namespace: string;
  name: string | undefined;
  sub?: string;
}

describe("matchRoute", () => {
  it.each<[string, Expected]>([
    ["/api/v1/pods", { kind: "Pod", namespace: "", name: undefined }],
    ["/api/v1/namespaces/default/pods", { kind: "Pod", namespace: "default", name: undefined }],
    ["/api/v1/namespaces/default/pods/web", { kind: "Pod", namespace: "default", name: "web" }],
    ["/api/v1/namespaces/default/pods/web/status", { kind: "Pod", namespace: "default", name: "web", sub: "status" }],
    ["/apis/apps/v1/namespaces/prod/deployments/api", { kind: "Deployment", namespace: "prod", name: "api" }],
    ["/apis/apps/v1/replicasets", { kind: "ReplicaSet", namespace: "", name: undefined }],
    ["/api/v1/nodes/node-1", { kind: "Node", namespace: "", name: "node-1" }],
    ["/api/v1/namespaces", { kind: "Namespace", namespace: "", name: undefined }],
    ["/api/v1/namespaces/prod", { kind: "Namespace", namespace: "", name: "prod" }],
    ["/api/v1/namespaces/prod/status", { kind: "Namespace", namespace: "", name: "prod", sub: "status" }],
    ["/apis/apps/v1/namespaces/a/deployments/b/scale", { kind: "Deployment", namespace: "a", name: "b", sub: "scale" }],
    [
      "/api/v1/namespaces/a/replicationcontrollers/b/scale",
      { kind: "ReplicationController", namespace: "a", name: "b", sub: "scale" },
    ],
    ["/api/v1/namespaces/a/pods/b/log", { kind: "Pod", namespace: "a", name: "b", sub: "log" }],
    ["/api/v1/namespaces/a/pods/b/exec", { kind: "Pod", namespace: "a", name: "b", sub: "exec" }],
  ])("routes %s to its resource", (path, expected) => {
    const route = matchRoute(path);
    expect(route.type).toBe("resource");
    if (route.type !== "resource") return;
    expect(route.info.kind).toBe(expected.kind);
    expect(route.namespace).toBe(expected.namespace);
    expect(route.name).toBe(expected.name);
    expect(route.subresource).toBe(expected.sub);
  });

  it.each([
    "/api/v1/widgets",
    "/apis/apps/v1/pods",
    "/api/v1/namespaces/default/nodes/n1",
    "/api/v1/namespaces/default/configmaps/x/status",
    "/apis/apps/v1/namespaces/default/deployments/web/log",
    "/api/v1/namespaces/default/services/web/exec",
    "/api/v1/namespaces/default/pods/web/scale",
    "/api/v1/namespaces/default/pods/web/status/extra",
    "/nothing",
  ])("finds nothing at %s", (path) => {
    expect(matchRoute(path).type).toBe("notFound");
  });

  it.each([
    ["/api", { type: "discovery", document: "api" }],
    ["/apis", { type: "discovery", document: "apis" }],
    ["/apis/apps", { type: "group", group: "apps" }],
    ["/api/v1", { type: "groupVersion", group: "", version: "v1" }],
    ["/apis/apps/v1", { type: "groupVersion", group: "apps", version: "v1" }],
    ["/version", { type: "discovery", document: "version" }],
    ["/healthz", { type: "discovery", document: "healthz" }],
    ["/readyz", { type: "discovery", document: "healthz" }],
    ["/openapi/v2", { type: "discovery", document: "openapiV2" }],
    ["/openapi/v3", { type: "discovery", document: "openapiV3" }],
    ["/openapi/v3/apis/apps/v1", { type: "openapiV3", groupVersion: "apis/apps/v1" }],
  ])("routes %s to a document", (path, expected) => {
    expect(matchRoute(path)).toEqual(expected);
  });
});
