import type { Command } from "commander";
import { createPodIo } from "../../apiserver/index.js";
import { execCommand } from "../commands/exec.js";
import { logsCommand, parseTail } from "../commands/logs.js";
import {
  parseTimeout,
  rolloutHistory,
  rolloutPause,
  rolloutRestart,
  rolloutResume,
  rolloutStatus,
  rolloutTarget,
  rolloutUndo,
} from "../commands/rollout.js";
import { setImage, setImageTarget } from "../commands/set-image.js";
import { connect, resolveEndpoint } from "../connect.js";
import { examples, type Flags, type ProgramIo, type Run } from "./shared.js";

export function addWorkloadCommands(program: Command, io: ProgramIo, run: Run): void {
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
}
