import { describe, expect, it } from "vitest";
import { containerName, parseContainerName, sandboxName } from "../../../../src/kubelet/runtime/names.js";

const uid = "3f2b9c1e-7a4d-4e2f-9b1a-0c5d6e7f8a9b";

describe("container names", () => {
  it("follow slipway_<container>_<pod>_<namespace>_<uid-prefix>_<attempt>", () => {
    expect(containerName({ container: "web", pod: "nginx-x7k2p", namespace: "default", uid, attempt: 3 })).toBe(
      "slipway_web_nginx-x7k2p_default_3f2b9c1e_3",
    );
  });

  it("name the sandbox POD", () => {
    expect(sandboxName({ pod: "nginx", namespace: "prod", uid, attempt: 0 })).toBe("slipway_POD_nginx_prod_3f2b9c1e_0");
  });

  it("take the uid prefix without dashes even when a dash falls inside it", () => {
    expect(containerName({ container: "c", pod: "p", namespace: "n", uid: "ab-cd-ef-gh-ij", attempt: 0 })).toBe(
      "slipway_c_p_n_abcdefgh_0",
    );
  });

  it("parse back into their parts, with or without Docker's leading slash", () => {
    const name = containerName({ container: "db.main", pod: "app-1", namespace: "kube-system", uid, attempt: 12 });
    const expected = {
      container: "db.main",
      pod: "app-1",
      namespace: "kube-system",
      uidPrefix: "3f2b9c1e",
      attempt: 12,
    };
    expect(parseContainerName(name)).toEqual(expected);
    expect(parseContainerName(`/${name}`)).toEqual(expected);
  });

  it.each([
    ["a name Slipway did not make", "k8s_web_nginx_default_3f2b9c1e_0"],
    ["too few parts", "slipway_web_nginx_default_0"],
    ["a non-numeric attempt", "slipway_web_nginx_default_3f2b9c1e_x"],
    ["an empty part", "slipway__nginx_default_3f2b9c1e_0"],
    ["a random docker name", "happy_turing"],
  ])("do not parse from %s", (_, name) => {
    expect(parseContainerName(name)).toBeUndefined();
  });
});
