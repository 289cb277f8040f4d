// Kilo Code CLI 7.7.7, unmodified, runs a one-shot task through the gateway. Run by KiloCliTest with GATEWAY_ROOT
// (the gateway's root URL, no path) and GATEWAY_KEY (a key from the gateway's key service); the upstream is a
// WireMock fake that answers the first request with a call of Kilo's `write` tool and the one carrying the tool's
// result with text. npm @kilocode/cli is a Node launcher that starts a platform package's binary; the registry has
// only @kilocode/cli-linux-x64 of 7.7.7's twelve, and a lockfile without the others fails `npm ci`, so package.json
// installs that binary package directly and this script starts its binary as the launcher would.
//
// What the CLI does (7.7.7, read from its bundle and logged against a fake server):
// - `kilo run --auto -m kilo/kilo/auto "<task>"` with KILO_API_URL=<root> and KILO_API_KEY=<key> makes exactly these
//   requests to the gateway, and none elsewhere when the switches below are set:
//     GET  <root>/api/openrouter/models            (model list; `/api/openrouter` is fixed in the client)
//     POST <root>/api/openrouter/chat/completions  (once per step: here the tool call, then the answer)
//   `-m kilo/kilo/auto` is provider `kilo`, model `kilo/auto`: the body says "model":"kilo/auto".
// - Chat bodies: model, max_tokens: 32000, messages (a ~14 kB system prompt, the task plus <environment_details>),
//   usage: {include: true}, 17 tools (background_process, bash, board_post, board_read, cancel_wakeup, edit, glob,
//   grep, kilo_local_recall, read, schedule_wakeup, skill, task, todowrite, webfetch, websearch, write),
//   tool_choice: "auto", stream: true, and `description` = the listed model's description. Headers: Authorization
//   Bearer, x-kilocode-mode (code), x-kilocode-taskid = x-session-id = x-session-affinity (the session id),
//   x-kilocode-machineid, x-kilocode-feature: cli, x-kilocode-editorname, x-title, http-referer.
// - The write tool is {"name":"write","parameters":{"filePath","content"}}; a relative filePath is resolved
//   against the working directory (the description asks for an absolute one). --auto approves it; the CLI shows
//   "← Write hello.txt" on stderr, prints the model's final text alone on stdout, and exits 0. On an error it
//   prints error.message and exits 1.
// - Session titles: the bundle generates them with the provider's small model (kilo-auto/small for `kilo`) and no
//   tools. `kilo run` sent no title request in these runs; the fake would answer one with text (no tools).
// - The model list is parsed with one schema for the whole list: `{data: [{id: string, name: string,
//   context_length: number, description?: string, pricing?: {prompt, completion, input_cache_read,
//   input_cache_write: string|null}, architecture?: {input_modalities, output_modalities: string[]|null},
//   top_provider?: {max_completion_tokens: number|null}, supported_parameters?: string[], ...}]}`. ONE entry that
//   fails it (for example without context_length, or with `"pricing": null`) discards the WHOLE list (log:
//   "model fetch error {kind: schema}"), and the run fails with "Model not found: kilo/kilo/auto".
// - GET <root>/api/defaults (to pick the default kilo model; reads `defaultModel`, or `defaultFreeModel` when sent
//   without a key, and uses it only if it is in the model list, else keeps its own pick) is asked only
//   with a key stored by `kilo auth login`; with KILO_API_KEY alone, as here, it is never asked. GET <root>/api/user
//   is asked when session upload is not disabled: a 200 turns on uploading sessions to
//   https://ingest.kilosessions.ai (KILO_SESSION_INGEST_URL).
// - Offline switches: KILO_TELEMETRY_LEVEL=off (else PostHog, us.i.posthog.com), KILO_DISABLE_MODELS_FETCH=1 (else
//   https://models.dev/api.json, hourly; it does NOT stop reading the gateway's /api/openrouter/models),
//   KILO_DISABLE_SESSION_INGEST=1 (else GET /api/user, and uploads after a 200), KILO_DISABLE_AUTOUPDATE=1. With
//   them, strace shows no DNS lookup and no connection but to the gateway. Without them, the lookups of models.dev
//   and posthog fail fast offline (no hang).
// - State: config $XDG_CONFIG_HOME/kilo (kilo.jsonc, created), data/logs/sqlite $XDG_DATA_HOME/kilo (logs in
//   log/*.log, useful when the list is rejected), cache $XDG_CACHE_HOME/kilo, $XDG_STATE_HOME/kilo; all under a
//   temporary HOME here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseEnv, explain, runCli, tempDir } from './run-cli.mjs';

const root = process.env.GATEWAY_ROOT.replace(/\/+$/, '');
const key = process.env.GATEWAY_KEY;
const timeoutMs = Number(process.env.CLI_TIMEOUT_MS ?? 150_000);
// The binary that @kilocode/cli's bin/kilo (a Node launcher choosing the platform package) starts, started the way
// the launcher does: with KILO_TREE_SITTER_WASM_DIR pointing at the grammars shipped next to it.
const kiloBin = fileURLToPath(new URL('./node_modules/@kilocode/cli-linux-x64/bin/', import.meta.url));
const kilo = join(kiloBin, 'kilo');
const models = `${root}/api/openrouter/models`;

test('the model list is one Kilo Code CLI accepts', async () => {
  const response = await fetch(models, { headers: { Authorization: `Bearer ${key}` } });
  assert.equal(response.status, 200);
  const list = await response.json();
  assert.ok(Array.isArray(list.data), 'data is an array');
  // The CLI's schema (see above): one bad entry and it throws the whole list away.
  const problems = list.data.flatMap((m) => kiloSchemaProblems(m).map((p) => `${m.id}: ${p}`));
  assert.deepEqual(problems, [], 'entries Kilo Code CLI rejects (it then drops the whole list)');
  const auto = list.data.find((m) => m.id === 'kilo/auto');
  assert.ok(auto, 'kilo/auto is listed');
  assert.ok(auto.supported_parameters?.includes('tools'), 'kilo/auto supports tools (the CLI hides it otherwise)');
});

test('the gateway never turns on Kilo\'s session upload', async () => {
  const response = await fetch(`${root}/api/user`, { headers: { Authorization: `Bearer ${key}` } });
  assert.equal(response.status, 404);
});

test('kilo run --auto -m kilo/kilo/auto writes the file the model asked for', {
  skip: existsSync(kilo) ? false : 'no Kilo Code CLI binary for this platform (npm installs it on Linux x64)',
}, async (t) => {
  const home = tempDir(t, 'kilo-home');
  const work = tempDir(t, 'kilo-work');
  const env = {
    ...baseEnv(home),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    XDG_CACHE_HOME: join(home, '.cache'),
    KILO_API_URL: root,
    KILO_API_KEY: key,
    KILO_TELEMETRY_LEVEL: 'off',
    KILO_DISABLE_MODELS_FETCH: '1',
    KILO_DISABLE_SESSION_INGEST: '1',
    KILO_DISABLE_AUTOUPDATE: '1',
    KILO_TREE_SITTER_WASM_DIR: join(kiloBin, 'tree-sitter'),
  };
  const run = await runCli(kilo, ['run', '--auto', '-m', 'kilo/kilo/auto',
    'create hello.txt containing hi'], { cwd: work, env, timeoutMs });
  const why = `${explain(run)}\n--- kilo logs\n${kiloLogs(home)}`;
  assert.equal(run.timedOut, false, `kilo run hung:\n${why}`);
  assert.equal(run.code, 0, `kilo run failed:\n${why}`);
  const file = join(work, 'hello.txt');
  assert.ok(existsSync(file), `hello.txt was written:\n${why}`);
  assert.equal(readFileSync(file, 'utf8'), 'hi');
  assert.match(run.stderr, /Write hello\.txt/, `the tool call is shown:\n${why}`);
  assert.equal(run.stdout.trim(), 'Hello from the gateway!', `the final answer is printed:\n${why}`);
});

function kiloSchemaProblems(m) {
  const problems = [];
  const optional = (name, ok) => {
    if (name in m && !ok(m[name])) problems.push(`${name} is ${JSON.stringify(m[name])}`);
  };
  const isString = (v) => typeof v === 'string';
  const nullishString = (v) => v === null || v === undefined || typeof v === 'string';
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isString(m.id)) problems.push('id is not a string');
  if (!isString(m.name)) problems.push('name is not a string');
  if (typeof m.context_length !== 'number') problems.push(`context_length is ${JSON.stringify(m.context_length)}`);
  optional('description', isString);
  optional('max_completion_tokens', (v) => v === null || typeof v === 'number');
  optional('pricing', (v) => isObject(v)
    && ['prompt', 'completion', 'input_cache_read', 'input_cache_write'].every((f) => nullishString(v[f])));
  optional('architecture', (v) => isObject(v) && ['input_modalities', 'output_modalities']
    .every((f) => v[f] === null || v[f] === undefined || (Array.isArray(v[f]) && v[f].every(isString))));
  optional('top_provider', (v) => isObject(v)
    && (v.max_completion_tokens === null || v.max_completion_tokens === undefined
      || typeof v.max_completion_tokens === 'number'));
  optional('supported_parameters', (v) => Array.isArray(v) && v.every(isString));
  return problems;
}

function kiloLogs(home) {
  const dir = join(home, '.local', 'share', 'kilo', 'log');
  if (!existsSync(dir)) return '(none)';
  return readdirSync(dir).map((f) => `${f}:\n${readFileSync(join(dir, f), 'utf8')}`).join('\n').slice(-20_000);
}
