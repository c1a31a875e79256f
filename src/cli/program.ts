/**
 * The command tree: flags, help and examples. Each action resolves a client, calls its handler
 * and hands the result to `io.emit`; only main.ts prints and exits.
 */

import { join } from "node:path";
import { Command, Option } from "commander";
import { SlipwayError } from "../api/errors.js";
import { createPodIo } from "../apiserver/index.js";
import { agentCommand } from "./commands/agent.js";
import { applyCommand, diffCommand } from "./commands/apply.js";
import { deleteFilesCommand } from "./commands/delete-files.js";
import { describeCommand } from "./commands/describe.js";
import { execCommand } from "./commands/exec.js";
import { getCommand } from "./commands/get.js";
import { historyCommand } from "./commands/history.js";
import { initCommand } from "./commands/init.js";
import { logsCommand, parseTail } from "./commands/logs.js";
import { deleteCommand, labelCommand, scaleCommand } from "./commands/mutate.js";
import {
  parseTimeout,
  rolloutHistory,
  rolloutPause,
  rolloutRestart,
  rolloutResume,
  rolloutStatus,
  rolloutTarget,
  rolloutUndo,
} from "./commands/rollout.js";
import { setImage, setImageTarget } from "./commands/set-image.js";
import { upCommand } from "./commands/up.js";
import { watchCommand } from "./commands/watch.js";
import { type ConnectOptions, connect, resolveEndpoint } from "./connect.js";
import { defaultNodeName } from "./control-plane.js";
import { colorEnabled } from "./output/color.js";
import { OUTPUT_FORMATS, type OutputFormat } from "./output/format.js";
import type { CommandResult } from "./result.js";
import { stateDir } from "./state.js";

export interface ProgramIo {
  emit(result: CommandResult): void;
  /** Streams a line to stdout (watch output). */
  write(text: string): void;
  /** A line for the person at the terminal (stderr). */
  log(text: string): void;
  /** Aborted on SIGINT/SIGTERM: long-running commands stop cleanly. */
  signal: AbortSignal;
}

interface Flags extends ConnectOptions {
  namespace: string;
  allNamespaces?: boolean;
  selector?: string;
  output?: OutputFormat;
  watch?: boolean;
  filename?: string;
  prune?: boolean;
  allowEmpty?: boolean;
  source?: string;
  dryRun?: boolean;
  listen: string;
  nodeName?: string;
  kubelet?: boolean;
  serviceCidr: string;
  serviceNodePortRange: string;
  nodePortAddress?: string;
  gitListen?: string;
  maxCount?: string;
  certificateAuthority?: string;
  overwrite?: boolean;
  replicas?: string;
  cascade?: "background" | "foreground" | "orphan";
  container?: string;
  follow?: boolean;
  previous?: boolean;
  tail?: string;
}

const KIND_HELP =
  "pods|po, replicationcontrollers|rc, replicasets|rs, deployments|deploy, services|svc, " +
  "endpoints|ep, configmaps|cm, secrets, namespaces|ns, nodes|no, events|ev";

const EXIT_HELP = `
Exit codes:
  0 ok   1 changes found (diff) or some steps failed   2 usage error   3 invalid input
  4 not found   5 conflict   6 server unreachable or unauthorized   10 internal error
`;

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  ${l}`).join("\n")}\n`;
}

function planFlags(f: Flags) {
  return {
    namespace: f.namespace,
    prune: f.prune === true,
    allowEmpty: f.allowEmpty === true,
    ...(f.source ? { source: f.source } : {}),
  };
}

function getFlags(f: Flags) {
  return {
    namespace: f.namespace,
    ...(f.allNamespaces ? { allNamespaces: true } : {}),
    ...(f.selector ? { selector: f.selector } : {}),
    ...(f.output ? { output: f.output } : {}),
  };
}

export function buildProgram(io: ProgramIo): Command {
  const program = new Command("slipway")
    .description("A small Kubernetes-style control plane on Docker, driven from Git.")
    .option("--state <dir>", "state directory of the engine (default $SLIPWAY_STATE or ~/.local/state/slipway)")
    .option("--server <url>", "API server URL, instead of finding it through --state")
    .option("--token <token>", "bearer token for --server")
    .option(
      "--certificate-authority <file>",
      "PEM CA to trust for an https --server (that engine's <state>/tls/server.crt)",
    )
    .option("-n, --namespace <ns>", "namespace of the objects", "default")
    .showHelpAfterError("(add --help for usage)")
    .addHelpText(
      "after",
      examples(
        "slipway up                          # start the engine in the foreground",
        "slipway apply -f examples/nginx     # make the engine hold what the folder declares",
        "slipway diff -f examples/nginx      # preview the change; exit 1 when there is one",
        "slipway get pods -o wide            # list like kubectl",
      ) + EXIT_HELP,
    );

  /** Wraps a handler: positional arguments first, then every flag including the global ones. */
  const run =
    (handler: (args: string[], flags: Flags) => Promise<CommandResult>) =>
    async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      const positional = args.slice(0, -2).flatMap((a) => (Array.isArray(a) ? [a as string[]] : [[a as string]]));
      io.emit(await handler(positional.flat(), cmd.optsWithGlobals() as Flags));
    };

  program
    .command("up")
    .description(
      "run the engine in the foreground until Ctrl-C: store, API server, controllers, scheduler and a kubelet",
    )
    .option("--listen <host:port>", "address of the API server", "127.0.0.1:6480")
    .option("--node-name <name>", "this machine's node name (default: the host name)")
    .option("--no-kubelet", "run only the control plane; pods run on agents")
    .option("--service-cidr <cidr>", "range cluster IPs are allocated from", "10.43.0.0/16")
    .option("--service-node-port-range <min-max>", "range node ports are allocated from", "30000-32767")
    .option("--node-port-address <ip>", "where NodePort services listen (default: every address, 0.0.0.0)")
    .option("--git-listen <host:port>", "address of the git server (default: the API port + 1)")
    .addHelpText(
      "after",
      examples(
        "slipway up",
        "slipway up --state /tmp/demo --listen 127.0.0.1:0",
        "slipway up --node-name main --no-kubelet",
      ),
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags;
      await upCommand({
        stateDir: stateDir(f.state),
        listen: f.listen,
        nodeName: f.nodeName ?? defaultNodeName(),
        kubelet: f.kubelet !== false,
        serviceCidr: f.serviceCidr,
        nodePortRange: f.serviceNodePortRange,
        ...(f.nodePortAddress ? { nodePortAddress: f.nodePortAddress } : {}),
        ...(f.gitListen ? { gitListen: f.gitListen } : {}),
        log: io.log,
        signal: io.signal,
      });
    });

  program
    .command("agent")
    .description("run only a kubelet for this node, joining an engine's API server (like k3s agent)")
    .requiredOption("--node-name <name>", "the node's name; must be unique in the cluster")
    .option("--root-dir <dir>", "where pod volumes live (default: <state>/agent-<node>)")
    .addHelpText(
      "after",
      examples(
        "slipway agent --server https://10.0.0.1:6480 --token $(cat token) --certificate-authority ca.crt --node-name n2",
        "slipway agent --state ~/.local/state/slipway --node-name second   # a second node on this Docker host",
      ),
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags & { rootDir?: string };
      const nodeName = f.nodeName!;
      await agentCommand({
        ...(f.state ? { state: f.state } : {}),
        ...(f.server ? { server: f.server } : {}),
        ...(f.token ? { token: f.token } : {}),
        ...(f.certificateAuthority ? { certificateAuthority: f.certificateAuthority } : {}),
        nodeName,
        rootDir: f.rootDir ?? join(stateDir(f.state), `agent-${nodeName}`),
        log: io.log,
        signal: io.signal,
      });
    });

  const withPlanFlags = (cmd: Command) =>
    cmd
      .requiredOption("-f, --filename <path>", "a manifest file, or a folder of them (read recursively)")
      .option("--prune", "delete objects this source created that left it")
      .option("--allow-empty", "with --prune, let a source with no objects prune everything it created")
      .option("--source <name>", "the source's name, for ownership and pruning (default: derived from the path)");

  withPlanFlags(program.command("apply"))
    .description("create, patch (three-way merge) and prune until the engine holds what the manifests say")
    .option("--dry-run", "validate and plan on the server, change nothing")
    .addHelpText("after", examples("slipway apply -f examples/nginx", "slipway apply -f app/ --prune --dry-run"))
    .action(
      run(async (_, f) => applyCommand(await connect(f), f.filename!, { ...planFlags(f), dryRun: f.dryRun === true })),
    );

  withPlanFlags(program.command("diff"))
    .description("show what apply would change as a unified diff (Secret values masked)")
    .addHelpText("after", examples("slipway diff -f examples/nginx", "slipway diff -f app/ --prune") + EXIT_HELP)
    .action(
      run(async (_, f) => diffCommand(await connect(f), f.filename!, { ...planFlags(f), color: colorEnabled() })),
    );

  program
    .command("get")
    .description("list objects of a kind, or show some by name")
    .argument("<kind>", KIND_HELP)
    .argument("[names...]", "names of objects to show")
    .option("-A, --all-namespaces", "list across all namespaces")
    .option("-l, --selector <selector>", "label selector: app=web,tier in (fe,be),!canary")
    .option("-w, --watch", "after listing, print a row for every change until Ctrl-C")
    .addOption(new Option("-o, --output <format>", "output format").choices([...OUTPUT_FORMATS]))
    .addHelpText(
      "after",
      examples(
        "slipway get pods",
        "slipway get rc -o wide",
        "slipway get po -l app=nginx -w",
        "slipway get deploy web -o yaml",
      ),
    )
    .action(
      run(async ([kind, ...names], f) =>
        f.watch
          ? watchCommand(await connect(f), kind!, getFlags(f), io.write, io.signal)
          : getCommand(await connect(f), kind!, names, getFlags(f)),
      ),
    );

  program
    .command("describe")
    .description("show one object in detail, with its events")
    .argument("<kind>", KIND_HELP)
    .argument("<name>")
    .addHelpText("after", examples("slipway describe pod web-7x2kq", "slipway describe svc frontend"))
    .action(
      run(async ([kind, name], f) => describeCommand(await connect(f), kind!, name!, { namespace: f.namespace })),
    );

  program
    .command("delete")
    .description("delete objects by kind and name, or everything a manifest path declares")
    .argument("[kind]", KIND_HELP)
    .argument("[names...]")
    .option("-f, --filename <path>", "delete the objects declared in these manifests")
    .addOption(
      new Option("--cascade <mode>", "what happens to dependents")
        .choices(["background", "foreground", "orphan"])
        .default("background"),
    )
    .addHelpText(
      "after",
      examples(
        "slipway delete pod web-7x2kq",
        "slipway delete -f examples/nginx",
        "slipway delete rc redis --cascade=orphan",
      ),
    )
    .action(
      run(async ([kind, ...names], f) => {
        if (f.filename) return deleteFilesCommand(await connect(f), f.filename, { namespace: f.namespace });
        if (!kind) throw new SlipwayError("Usage", "delete needs KIND NAME... or -f PATH");
        return deleteCommand(await connect(f), kind, names, {
          namespace: f.namespace,
          ...(f.cascade ? { cascade: f.cascade } : {}),
        });
      }),
    );

  program
    .command("label")
    .description("add, change (--overwrite) or remove (key-) labels of an object")
    .argument("<kind>", KIND_HELP)
    .argument("<name>")
    .argument("<changes...>", "key=value to set, key- to remove")
    .option("--overwrite", "allow changing a label that already has a value")
    .addHelpText("after", examples("slipway label pod web-7x2kq tier=frontend", "slipway label rc redis tier-"))
    .action(
      run(async ([kind, name, ...changes], f) =>
        labelCommand(await connect(f), kind!, name!, changes, {
          namespace: f.namespace,
          overwrite: f.overwrite === true,
        }),
      ),
    );

  program
    .command("scale")
    .description("set the replicas of a ReplicationController, ReplicaSet or Deployment")
    .argument("<kind>", "rc, rs or deploy")
    .argument("<name>")
    .requiredOption("--replicas <n>", "the desired number of pods")
    .addHelpText("after", examples("slipway scale rc frontend --replicas 5"))
    .action(
      run(async ([kind, name], f) =>
        scaleCommand(await connect(f), kind!, name!, Number(f.replicas), { namespace: f.namespace }),
      ),
    );
  const target = "deployment/NAME or deployment NAME";
  const rollout = program
    .command("rollout")
    .description("manage the rollout of a Deployment: status, history, undo, pause, resume, restart");
  rollout
    .command("status")
    .description("wait until the rollout finishes; exit 1 when its progress deadline or --timeout passes")
    .argument("<target...>", target)
    .option("--no-watch", "print the current state once instead of waiting")
    .option("--timeout <duration>", "give up after this long (90s, 5m; 0 waits forever)", "0")
    .addHelpText("after", examples("slipway rollout status deployment/nginx-deployment --timeout 2m"))
    .action(
      run(async (args, f) => {
        const o = f as Flags & { watch: boolean; timeout: string };
        return rolloutStatus(await connect(f), rolloutTarget(args), {
          namespace: f.namespace,
          watch: o.watch,
          timeoutMs: parseTimeout(o.timeout),
          write: io.write,
          signal: io.signal,
        });
      }),
    );
  rollout
    .command("history")
    .description("list the revisions of a Deployment with their change cause, or show one revision's template")
    .argument("<target...>", target)
    .option("--revision <n>", "show the pod template of this revision")
    .addHelpText(
      "after",
      examples("slipway rollout history deploy/nginx-deployment", "slipway rollout history deploy/web --revision 2"),
    )
    .action(
      run(async (args, f) => {
        const { revision } = f as Flags & { revision?: string };
        return rolloutHistory(await connect(f), rolloutTarget(args), {
          namespace: f.namespace,
          ...(revision === undefined ? {} : { revision: Number(revision) }),
        });
      }),
    );
  rollout
    .command("undo")
    .description("roll a Deployment back to the previous revision, or to --to-revision")
    .argument("<target...>", target)
    .option("--to-revision <n>", "the revision to roll back to (default: the previous one)")
    .addHelpText(
      "after",
      examples("slipway rollout undo deploy/nginx-deployment", "slipway rollout undo deploy/web --to-revision 1"),
    )
    .action(
      run(async (args, f) => {
        const { toRevision } = f as Flags & { toRevision?: string };
        return rolloutUndo(await connect(f), rolloutTarget(args), {
          namespace: f.namespace,
          ...(toRevision === undefined ? {} : { toRevision: Number(toRevision) }),
        });
      }),
    );
  for (const [verb, handler, what] of [
    ["pause", rolloutPause, "stop rolling out template changes (scaling still applies)"],
    ["resume", rolloutResume, "continue a paused rollout"],
    ["restart", rolloutRestart, "replace every pod through a rollout"],
  ] as const) {
    rollout
      .command(verb)
      .description(what)
      .argument("<target...>", target)
      .action(run(async (args, f) => handler(await connect(f), rolloutTarget(args), { namespace: f.namespace })));
  }
  program
    .command("logs")
    .description("print a container's logs, through the API server and the kubelet of the pod's node")
    .argument("<pod>", "POD or pod/POD")
    .option("-c, --container <name>", "the container (needed when the pod has several)")
    .option("-f, --follow", "keep printing new output until the container stops (Ctrl-C ends it)")
    .option("-p, --previous", "the logs of the previous attempt, after a restart")
    .option("--tail <lines>", "only the last N lines (-1: all)")
    .addHelpText("after", examples("slipway logs web-5f7c9", "slipway logs web-5f7c9 -c sidecar -f --tail 20"))
    .action(
      run(async ([pod = ""], f) => {
        const tail = parseTail(f.tail);
        return logsCommand(
          createPodIo(await resolveEndpoint(f)),
          pod,
          {
            namespace: f.namespace,
            ...(f.container ? { container: f.container } : {}),
            ...(f.follow ? { follow: true } : {}),
            ...(f.previous ? { previous: true } : {}),
            ...(tail !== undefined ? { tail } : {}),
          },
          io.write,
          io.signal,
        );
      }),
    );
  program
    .command("exec")
    .description(
      "run a command in a pod's container to its end (non-interactive: no stdin, no TTY); exits with its code",
    )
    .argument("<pod>", "POD or pod/POD")
    .argument("[command...]", "the command and its arguments, after --")
    .option("-c, --container <name>", "the container (needed when the pod has several)")
    .addHelpText("after", examples("slipway exec web-5f7c9 -- sh -c 'echo hi; exit 3'"))
    .action(
      run(async ([pod = "", ...command], f) =>
        execCommand(createPodIo(await resolveEndpoint(f)), pod, command, {
          namespace: f.namespace,
          ...(f.container ? { container: f.container } : {}),
        }),
      ),
    );
  program
    .command("set")
    .description("change fields of objects")
    .command("image")
    .description("update container images of a Deployment, ReplicaSet, ReplicationController or Pod")
    .argument("<args...>", "KIND/NAME CONTAINER=IMAGE... (CONTAINER * means every container)")
    .addHelpText("after", examples("slipway set image deployment/nginx-deployment nginx=slipway.local/nginx:1.9.1"))
    .action(
      run(async (args, f) => {
        const { kindWord, name, images } = setImageTarget(args);
        return setImage(await connect(f), kindWord, name, images, { namespace: f.namespace });
      }),
    );
  program
    .command("init")
    .description("create a manifests repository whose `git push` deploys to this engine")
    .argument("[dir]", "the new repository's folder (must be empty or missing)", ".")
    .option("--name <name>", "the repository's name on the engine (default: the folder's name)")
    .addHelpText("after", examples("slipway init app && cd app && git push -u origin main"))
    .action(
      run(async ([dir], f) => {
        const { name } = f as Flags & { name?: string };
        return initCommand({ dir: dir ?? ".", stateDir: stateDir(f.state), ...(name ? { name } : {}) });
      }),
    );

  program
    .command("history")
    .description("list the syncs the engine ran, newest first: revision, trigger, outcome, author, message")
    .option("--max-count <n>", "show only the newest N syncs (-n N works too)")
    .option("--source <name>", "only the syncs of this repository")
    .addOption(new Option("-o, --output <format>", "output format").choices(["json", "yaml"]))
    .addHelpText("after", examples("slipway history", "slipway history -n 5", "slipway history -o json"))
    .action(
      run(async (_, f) => {
        // -n is the global --namespace flag; history has no namespace, so -n N means the count here.
        const count = f.maxCount ?? (f.namespace !== "default" ? f.namespace : undefined);
        return historyCommand(await connect(f), {
          ...(count === undefined ? {} : { limit: Number(count) }),
          ...(f.output === "json" || f.output === "yaml" ? { output: f.output } : {}),
          ...(f.source ? { source: f.source } : {}),
        });
      }),
    );
  return program;
}
