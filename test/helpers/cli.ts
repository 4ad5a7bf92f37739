import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export const ACCORD_BIN = fileURLToPath(new URL('../../bin/accord.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process (fast); output is captured, nothing is printed. */
export async function runCli(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    out: (s) => {
      stdout += s.endsWith('\n') ? s : `${s}\n`;
    },
    err: (s) => {
      stderr += s.endsWith('\n') ? s : `${s}\n`;
    },
  });
  return { code, stdout, stderr };
}

/** Runs the real `accord` executable, as a user or a script would. */
export function runAccord(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [ACCORD_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `accord serve` on a free port and resolves once it listens. */
export async function startServe(
  args: string[],
  timeoutMs = 20_000,
): Promise<{ url: string; stop(signal?: NodeJS.Signals): Promise<number | null>; logs: () => string }> {
  const child = spawn(process.execPath, [ACCORD_BIN, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start:\n${logs}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      logs += chunk.toString();
      const m = /listening on (http:\/\/[^\s"]+)/.exec(logs);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${logs}`)));
  });
  return {
    url,
    logs: () => logs,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}
