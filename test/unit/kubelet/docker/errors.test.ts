import { describe, expect, it } from "vitest";
import { SlipwayError } from "../../../../src/api/errors.js";
import { describeDockerEndpoint } from "../../../../src/kubelet/docker/endpoint.js";
import { dockerMessage, isUnreachable, toRuntimeError } from "../../../../src/kubelet/docker/errors.js";

function httpError(statusCode: number, message: string) {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message} `), {
    statusCode,
    json: { message },
  });
}

function socketError(code: string) {
  return Object.assign(new Error(`connect ${code} /var/run/docker.sock`), { code });
}

describe("Docker errors", () => {
  it("say plainly when no engine answers", () => {
    const error = toRuntimeError(socketError("ECONNREFUSED"), "list containers", "/var/run/docker.sock");
    expect(error.code).toBe("ServerUnreachable");
    expect(error.message).toBe(
      "cannot reach Docker at /var/run/docker.sock: connect ECONNREFUSED /var/run/docker.sock",
    );
    expect(error.hint).toMatch(/setup\.sh/);
  });

  it.each([
    [404, "NotFound"],
    [409, "Conflict"],
    [500, "Internal"],
    [400, "Internal"],
  ])("map HTTP %i to %s, keeping Docker's message", (status, code) => {
    const error = toRuntimeError(httpError(status, "no such container: abc"), "inspect container abc", "/s");
    expect(error.code).toBe(code);
    expect(error.message).toBe("inspect container abc: no such container: abc");
  });

  it("pass a SlipwayError through unchanged", () => {
    const original = new SlipwayError("Conflict", "x");
    expect(toRuntimeError(original, "y", "/s")).toBe(original);
  });

  it("take Docker's message from the body, else strip docker-modem's prefix", () => {
    expect(dockerMessage(httpError(500, "boom"))).toBe("boom");
    expect(
      dockerMessage(Object.assign(new Error("(HTTP code 304) container already stopped - "), { statusCode: 304 })),
    ).toBe("");
    expect(dockerMessage(Object.assign(new Error("x"), { json: " plain body " }))).toBe("plain body");
  });

  it("tell an unreachable engine from an HTTP error", () => {
    expect(isUnreachable(socketError("ENOENT"))).toBe(true);
    expect(isUnreachable(httpError(500, "x"))).toBe(false);
    expect(isUnreachable(new Error("plain"))).toBe(false);
  });
});

describe("Docker endpoint", () => {
  it.each([
    [undefined, "/var/run/docker.sock"],
    ["unix:///run/user/1000/docker.sock", "/run/user/1000/docker.sock"],
    ["unix://", "/var/run/docker.sock"],
    ["tcp://127.0.0.1:2375", "tcp://127.0.0.1:2375"],
    ["127.0.0.1:2375", "tcp://127.0.0.1:2375"],
    ["ssh://me@host", "ssh://me@host"],
  ])("DOCKER_HOST=%s is %s", (host, expected) => {
    expect(describeDockerEndpoint({ DOCKER_HOST: host })).toBe(expected);
  });
});
