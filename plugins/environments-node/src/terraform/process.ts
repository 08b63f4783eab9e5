/**
 * Runs one Terraform command: streams every line (masked) as it comes, keeps the tail for error
 * messages, and stops the process cleanly on timeout or abort — an interrupt first (Terraform
 * then finishes the current operation, writes state and releases its lock), a terminate after a
 * grace period, a kill as the last resort.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { SecretMasker } from './mask';

/** @public Thrown when a run hit its time limit. */
export class TerraformTimeoutError extends Error {
  name = 'TerraformTimeoutError';
}

/** @public Thrown when Terraform exits non-zero; the message carries Terraform's own error. */
export class TerraformCommandError extends Error {
  name = 'TerraformCommandError';
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly outputTail: string[],
  ) {
    super(message);
  }
}

/** @internal */
export interface RunCommandOptions {
  binary: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  masker: SecretMasker;
  log: (line: string) => void;
  /** Absolute time (ms since epoch) when the run must stop. */
  deadline?: number;
  signal?: AbortSignal;
  /** Grace period after the interrupt before terminating. */
  killGraceMs?: number;
  /** Collect stdout (masked lines are still logged unless `quiet`). */
  captureStdout?: boolean;
  quiet?: boolean;
  /** Exit codes that are not a failure; default `[0]` (`plan -detailed-exitcode`: `[0, 2]`). */
  successExitCodes?: number[];
}

const TAIL_LINES = 40;

/** @internal */
export function runCommand(
  options: RunCommandOptions,
): Promise<{ stdout: string; exitCode: number }> {
  const { binary, args, cwd, env, masker, log } = options;
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(
        new TerraformTimeoutError(
          `terraform ${args[0]} was cancelled before it started`,
        ),
      );
      return;
    }
    if (options.deadline !== undefined && Date.now() >= options.deadline) {
      reject(
        new TerraformTimeoutError(
          `the time limit was reached before terraform ${args[0]} started`,
        ),
      );
      return;
    }
    const child = spawn(binary, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const stdout: string[] = [];
    let stopReason: string | undefined;
    const timers: NodeJS.Timeout[] = [];

    const onLine = (stream: 'stdout' | 'stderr') => (raw: string) => {
      if (stream === 'stdout' && options.captureStdout) stdout.push(raw);
      const line = masker.mask(raw);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      if (!options.quiet) log(line);
    };
    createInterface({ input: child.stdout }).on('line', onLine('stdout'));
    createInterface({ input: child.stderr }).on('line', onLine('stderr'));

    const stop = (reason: string) => {
      if (stopReason || child.exitCode !== null) return;
      stopReason = reason;
      log(`Stopping terraform ${args[0]}: ${reason}`);
      child.kill('SIGINT');
      const grace = options.killGraceMs ?? 30_000;
      timers.push(
        setTimeout(
          () => child.exitCode === null && child.kill('SIGTERM'),
          grace,
        ),
        setTimeout(
          () => child.exitCode === null && child.kill('SIGKILL'),
          grace * 2,
        ),
      );
    };
    if (options.deadline !== undefined) {
      timers.push(
        setTimeout(
          () => stop('the time limit was reached'),
          Math.max(0, options.deadline - Date.now()),
        ),
      );
    }
    const onAbort = () => stop('the run was cancelled');
    options.signal?.addEventListener('abort', onAbort);

    child.on('error', err => {
      timers.forEach(clearTimeout);
      options.signal?.removeEventListener('abort', onAbort);
      reject(
        (err as NodeJS.ErrnoException).code === 'ENOENT'
          ? new TerraformCommandError(
              `The Terraform binary "${binary}" was not found; install it or set terrace.terraform.binary`,
              null,
              [],
            )
          : err,
      );
    });
    child.on('close', code => {
      timers.forEach(clearTimeout);
      options.signal?.removeEventListener('abort', onAbort);
      if (stopReason) {
        reject(
          new TerraformTimeoutError(
            `terraform ${args[0]} was stopped: ${stopReason}`,
          ),
        );
      } else if (
        code === null ||
        !(options.successExitCodes ?? [0]).includes(code)
      ) {
        reject(
          new TerraformCommandError(
            `terraform ${args[0]} failed (exit code ${code}):\n${errorSummary(
              tail,
            )}`,
            code,
            tail,
          ),
        );
      } else {
        resolve({ stdout: stdout.join('\n'), exitCode: code });
      }
    });
  });
}

/** Terraform's own error block(s) from the tail of its output, box characters removed. */
function errorSummary(tail: string[]): string {
  const cleaned = tail.map(l => l.replace(/^[│╷╵]\s?/, '').trimEnd());
  const start = cleaned.findIndex(l => l.startsWith('Error:'));
  const lines = (start >= 0 ? cleaned.slice(start) : cleaned).filter(
    l => l.length > 0,
  );
  return lines.slice(0, 20).join('\n');
}
