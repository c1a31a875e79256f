import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/api/object.js";
import type { Endpoints, Service, ServicePort, ServiceType } from "../../../../src/api/types/index.js";
import { edit, endpoints, messages, service } from "./objects.js";

function withPorts(type: ServiceType, ports: ServicePort[]): Service {
  return edit(service(), (s) => {
    s.spec = { ...s.spec, type, ports };
  });
}

const cases: [string, KubeObject, string[]][] = [
  ["a valid service has no errors", service(), []],
  [
    "refuses a service name that is not a DNS-1035 label",
    edit(service(), (s) => {
      s.metadata.name = "1web";
    }),
    [
      `metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    ],
  ],
  ["requires ports", withPorts("ClusterIP", []), ["spec.ports: Required value"]],
  ["requires the port number", withPorts("ClusterIP", [{ port: 0 }]), ["spec.ports[0].port: Required value"]],
  [
    "refuses a port out of range",
    withPorts("ClusterIP", [{ port: 65536 }]),
    ["spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive"],
  ],
  [
    "requires port names when there are several ports",
    withPorts("ClusterIP", [{ port: 80 }, { name: "https", port: 443 }]),
    ["spec.ports[0].name: Required value"],
  ],
  [
    "refuses duplicate port names",
    withPorts("ClusterIP", [
      { name: "web", port: 80 },
      { name: "web", port: 81 },
    ]),
    ['spec.ports[1].name: Duplicate value: "web"'],
  ],
  [
    "refuses the same port and protocol twice",
    withPorts("ClusterIP", [
      { name: "a", port: 80 },
      { name: "b", port: 80, protocol: "TCP" },
    ]),
    ['spec.ports[1]: Duplicate value: {"port":80,"protocol":"TCP"}'],
  ],
  [
    "refuses a nodePort on a ClusterIP service",
    withPorts("ClusterIP", [{ port: 80, nodePort: 30080 }]),
    ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
  ],
  ["accepts a nodePort on a NodePort service", withPorts("NodePort", [{ port: 80, nodePort: 30080 }]), []],
  [
    "refuses a nodePort outside 30000-32767",
    withPorts("NodePort", [{ port: 80, nodePort: 8080 }]),
    [
      "spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767",
    ],
  ],
  [
    "refuses the same nodePort twice in one service",
    withPorts("LoadBalancer", [
      { name: "a", port: 80, nodePort: 30080 },
      { name: "b", port: 81, nodePort: 30080 },
    ]),
    ["spec.ports[1].nodePort: Duplicate value: 30080"],
  ],
  [
    "refuses an unsupported service type",
    edit(service(), (s) => {
      s.spec!.type = "ExternalName" as "ClusterIP";
    }),
    ['spec.type: Unsupported value: "ExternalName": supported values: "ClusterIP", "LoadBalancer", "NodePort"'],
  ],
  [
    "refuses a clusterIP that is not an IP",
    edit(service(), (s) => {
      s.spec!.clusterIP = "10.0.0";
    }),
    [`spec.clusterIP: Invalid value: "10.0.0": must be empty, 'None', or a valid IP address`],
  ],
  [
    "accepts a headless service",
    edit(service(), (s) => {
      s.spec!.clusterIP = "None";
    }),
    [],
  ],
  [
    "refuses a named targetPort that is not an IANA service name",
    withPorts("ClusterIP", [{ port: 80, targetPort: "-web" }]),
    ['spec.ports[0].targetPort: Invalid value: "-web": must not begin or end with a hyphen'],
  ],
  [
    "refuses an unsupported port protocol",
    withPorts("ClusterIP", [{ port: 80, protocol: "ICMP" as "TCP" }]),
    ['spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'],
  ],
  ["a valid Endpoints has no errors", endpoints(), []],
  [
    "refuses an endpoint address that is not an IP",
    edit(endpoints(), (e: Endpoints) => {
      e.subsets![0]!.addresses = [{ ip: "pod-1" }];
    }),
    [
      'subsets[0].addresses[0].ip: Invalid value: "pod-1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ],
  ],
];

describe("validateObject on Service and Endpoints", () => {
  it.each(cases)("%s", (_name, obj, expected) => {
    expect(messages(obj)).toEqual(expected);
  });
});
