import { describe, expect, it } from "vitest";
import {
  containerCreateOptions,
  cpuMillisFromQuota,
  sandboxCreateOptions,
} from "../../../../src/kubelet/docker/create-options.js";
import type { ContainerSpec, PodRef, Sandbox } from "../../../../src/kubelet/runtime/container-runtime.js";

const pod: PodRef = { uid: "0a1b2c3d-0000-4000-8000-000000000000", namespace: "default", name: "web-x7k2p" };
const sandbox: Sandbox = { id: "sandbox-id", name: "slipway_POD_web-x7k2p_default_0a1b2c3d_0", ip: "172.18.0.2" };
const context = { network: "slipway", pauseImage: "slipway.local/pause:1" };

function spec(extra: Partial<ContainerSpec> = {}): ContainerSpec {
  return { name: "nginx", image: "slipway.local/nginx:1.7.9", specHash: "abc", attempt: 1, ...extra };
}

describe("sandbox create options", () => {
  it("run the pause image on the pod network, named and labelled for the pod, with its labels", () => {
    const options = sandboxCreateOptions(
      { pod, node: "n1", specHash: "s", attempt: 0, labels: { app: "web" } },
      context,
    );
    expect(options).toEqual({
      name: "slipway_POD_web-x7k2p_default_0a1b2c3d_0",
      Image: "slipway.local/pause:1",
      Hostname: "web-x7k2p",
      Labels: {
        app: "web",
        "io.slipway.pod-uid": pod.uid,
        "io.slipway.pod-namespace": "default",
        "io.slipway.pod-name": "web-x7k2p",
        "io.slipway.container-name": "POD",
        "io.slipway.node": "n1",
        "io.slipway.spec-hash": "s",
        "io.slipway.attempt": "0",
      },
      HostConfig: { NetworkMode: "slipway" },
    });
  });

  it("publish host ports on the sandbox, which owns the network namespace", () => {
    const options = sandboxCreateOptions(
      {
        pod,
        node: "n1",
        specHash: "s",
        attempt: 0,
        ports: [
          { containerPort: 80, hostPort: 8080, hostIp: "127.0.0.1" },
          { containerPort: 53, protocol: "UDP" },
        ],
      },
      context,
    );
    expect(options.ExposedPorts).toEqual({ "80/tcp": {}, "53/udp": {} });
    expect(options.HostConfig?.PortBindings).toEqual({ "80/tcp": [{ HostPort: "8080", HostIp: "127.0.0.1" }] });
  });

  it("cut a long hostname to 63 characters", () => {
    const long = { ...pod, name: "a".repeat(80) };
    expect(sandboxCreateOptions({ pod: long, node: "n", specHash: "s", attempt: 0 }, context).Hostname).toHaveLength(
      63,
    );
  });
});

describe("container create options", () => {
  it("join the sandbox's network namespace and carry the container's labels", () => {
    const options = containerCreateOptions({ sandbox, pod, node: "n1", spec: spec() });
    expect(options.name).toBe("slipway_nginx_web-x7k2p_default_0a1b2c3d_1");
    expect(options.HostConfig?.NetworkMode).toBe("container:sandbox-id");
    expect(options.Labels).toMatchObject({ "io.slipway.container-name": "nginx", "io.slipway.spec-hash": "abc" });
    expect(options.Tty).toBe(false);
  });

  it("keep the image's entrypoint and cmd when command and args are absent", () => {
    const options = containerCreateOptions({ sandbox, pod, node: "n1", spec: spec() });
    expect(options).not.toHaveProperty("Entrypoint");
    expect(options).not.toHaveProperty("Cmd");
  });

  it("map command to Entrypoint and args to Cmd", () => {
    const options = containerCreateOptions({
      sandbox,
      pod,
      node: "n1",
      spec: spec({ command: ["sh", "-c"], args: ["echo hi"] }),
    });
    expect(options.Entrypoint).toEqual(["sh", "-c"]);
    expect(options.Cmd).toEqual(["echo hi"]);
  });

  it("pass env in order, working dir and bind mounts", () => {
    const options = containerCreateOptions({
      sandbox,
      pod,
      node: "n1",
      spec: spec({
        env: [
          { name: "B", value: "2" },
          { name: "A", value: "x=y" },
        ],
        workingDir: "/srv",
        mounts: [{ hostPath: "/var/lib/slipway/pods/u/volumes/cfg", containerPath: "/etc/cfg", readOnly: true }],
      }),
    });
    expect(options.Env).toEqual(["B=2", "A=x=y"]);
    expect(options.WorkingDir).toBe("/srv");
    expect(options.HostConfig?.Mounts).toEqual([
      { Type: "bind", Source: "/var/lib/slipway/pods/u/volumes/cfg", Target: "/etc/cfg", ReadOnly: true },
    ]);
  });

  it("limit memory without extra swap, and cpu as a CFS quota per 100 ms period", () => {
    const options = containerCreateOptions({
      sandbox,
      pod,
      node: "n1",
      spec: spec({ memoryBytes: 67108864, cpuMillis: 250 }),
    });
    expect(options.HostConfig).toMatchObject({
      Memory: 67108864,
      MemorySwap: 67108864,
      CpuPeriod: 100000,
      CpuQuota: 25000,
    });
  });

  it("raise a cpu limit below Docker's 1 ms minimum quota to that minimum", () => {
    const options = containerCreateOptions({ sandbox, pod, node: "n1", spec: spec({ cpuMillis: 1 }) });
    expect(options.HostConfig?.CpuQuota).toBe(1000);
  });

  it("set no limits when none are asked for", () => {
    const options = containerCreateOptions({ sandbox, pod, node: "n1", spec: spec() });
    expect(options.HostConfig).toEqual({ NetworkMode: "container:sandbox-id" });
  });
});

describe("cpu millis from a quota", () => {
  it.each([
    [25000, 100000, 250],
    [50000, 50000, 1000],
    [0, 100000, undefined],
    [-1, 100000, undefined],
    [undefined, undefined, undefined],
    [150000, 0, 1500],
  ])("quota %s over period %s is %s millicores", (quota, period, expected) => {
    expect(cpuMillisFromQuota(quota, period)).toBe(expected);
  });
});
