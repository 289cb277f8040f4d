// Runs a real client's command line for the tests: with only the environment given (no developer or CI settings
// leak in), its output collected, and everything it started killed when it overruns its time or when it exits, so a
// hanging client fails the test instead of hanging the build. "Everything it started" is its process group plus
// every process carrying this run's marker variable: OpenClaw re-launches itself as `openclaw-agent` in a session of
// its own, which a process-group kill misses and which outlives its parent holding the output pipes.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the system temp dir, removed when the test t ends. */
export function tempDir(t, prefix) {
  const dir = mkdtempSync(join(tmpdir(), `kilo-gateway-${prefix}-`));
  t.after(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
  return dir;
}

/** The variables every client needs from the parent: PATH (for the shells and git they start) and the locale. */
export function baseEnv(home) {
  const env = { PATH: process.env.PATH, HOME: home, TMPDIR: tmpdir() };
  for (const name of ['LANG', 'LC_ALL', 'SystemRoot']) {
    if (process.env[name]) env[name] = process.env[name];
  }
  return env;
}

/**
 * Runs command with args; resolves with { code, signal, stdout, stderr, timedOut, ms }.
 * Never rejects for a non-zero exit: the caller asserts on what happened.
 */
export function runCli(command, args, { cwd, env, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const marker = `${MARKER}=${randomUUID()}`;
    const [name, value] = marker.split('=');
    const child = spawn(command, args,
      { cwd, env: { ...env, [name]: value }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const killAll = () => killTree(child.pid, marker);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      timedOut = true;
      killAll();
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // Whatever the client left running (workers, language servers, a re-launched self) goes with it.
    child.on('exit', killAll);
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      await gone(marker);
      resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - started });
    });
  });
}

const MARKER = 'KILO_GATEWAY_REAL_CLIENT_RUN';

function killTree(pid, marker) {
  for (const target of [...(pid ? [-pid] : []), ...marked(marker)]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Kills what still carries marker until nothing does (at most 5 s), so that nothing writes into its directories. */
async function gone(marker) {
  for (let i = 0; i < 50; i++) {
    const left = marked(marker);
    if (left.length === 0) return;
    killTree(0, marker);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The processes whose environment carries marker (Linux: /proc; elsewhere only the process group is killed). */
function marked(marker) {
  if (process.platform !== 'linux') return [];
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(marker)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** A run's outcome for assertion messages. */
export function explain(run) {
  return `exit ${run.code}${run.signal ? ` (${run.signal})` : ''}${run.timedOut ? ', killed after its timeout' : ''}`
    + ` in ${run.ms} ms\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}
