/** Generates a folder of realistic manifests for benchmarks: a mix of kinds, ten documents per file. */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import type { KubeObject } from "../../src/api/object.js";

export function benchObject(i: number): KubeObject {
  const name = `app-${i}`;
  const labels = { app: name, tier: i % 2 ? "web" : "db" };
  switch (i % 10) {
    case 0:
    case 1:
      return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name, labels },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: "web",
                  image: "slipway.local/busybox:1",
                  ports: [{ name: "http", containerPort: 8080 }],
                  env: [{ name: "MODE", value: "bench" }],
                },
              ],
            },
          },
        },
      };
    case 2:
    case 3:
      return {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name, labels },
        spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: 8080 }] },
      };
    case 4:
      return { apiVersion: "v1", kind: "Secret", metadata: { name, labels }, data: { token: "c2VjcmV0" } };
    default:
      return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels }, data: { "config.txt": `value ${i}` } };
  }
}

/** Writes `count` objects as ten-document YAML files under dir; returns the objects. */
export async function writeBenchManifests(dir: string, count: number): Promise<KubeObject[]> {
  await mkdir(dir, { recursive: true });
  const objects = Array.from({ length: count }, (_, i) => benchObject(i));
  for (let f = 0; f < count / 10; f++) {
    const docs = objects.slice(f * 10, f * 10 + 10).map((o) => stringify(o, { aliasDuplicateObjects: false }));
    await writeFile(join(dir, `file-${String(f).padStart(4, "0")}.yaml`), docs.join("---\n"));
  }
  return objects;
}
